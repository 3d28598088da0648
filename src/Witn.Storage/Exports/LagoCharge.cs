namespace Witn.Storage.Exports;

/// <summary>A settled charge as a Lago event needs it.</summary>
public sealed record LagoCharge(Guid Id, string TenantId, string Outcome, string Correlation, DateTimeOffset SettlesAt, long? AmountMinor, string? Currency, decimal? Value);
