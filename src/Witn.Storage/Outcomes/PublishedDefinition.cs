namespace Witn.Storage.Outcomes;

/// <summary>The result of a publish: the definition after it, the version now current, and whether that version is new.</summary>
public sealed record PublishedDefinition(DefinitionRow Definition, DefinitionVersionRow Version, bool Created);
