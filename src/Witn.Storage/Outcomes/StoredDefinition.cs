namespace Witn.Storage.Outcomes;

/// <summary>A definition with its latest version.</summary>
public sealed record StoredDefinition(DefinitionRow Definition, DefinitionVersionRow Latest);
