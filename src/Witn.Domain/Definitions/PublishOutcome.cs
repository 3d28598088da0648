namespace Witn.Domain.Definitions;

/// <summary>Result of a publish: the history after it, the version that is now current, and whether it is new.</summary>
public sealed record PublishOutcome(DefinitionHistory History, DefinitionVersion Version, bool Created);
