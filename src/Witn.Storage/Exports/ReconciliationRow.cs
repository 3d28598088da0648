namespace Witn.Storage.Exports;

/// <summary>A reconciliation run as stored.</summary>
public sealed record ReconciliationRow(
    Guid Id, string Provider, DateOnly? PeriodStart, string[]? Tenants, string Trigger, string Status, string? Error,
    Dictionary<string, long> Counts, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
