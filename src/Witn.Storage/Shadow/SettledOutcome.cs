namespace Witn.Storage.Shadow;

/// <summary>A settled outcome as stored (the grain's state JSON holds its events and reviews), for pricing it as shadow.</summary>
public sealed record SettledOutcome(string Definition, string Correlation, int DefinitionVersion, DateTimeOffset SettlesAt, string StateJson);
