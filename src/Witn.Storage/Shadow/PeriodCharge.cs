namespace Witn.Storage.Shadow;

/// <summary>
/// One charge of a period as the shadow comparison re-prices it: what it was committed for (outcome, dimensions as
/// a JSON object of path → value, value) and the live terms it was committed with.
/// </summary>
public sealed record PeriodCharge(
    Guid Id,
    string Outcome,
    string Correlation,
    string DimensionsJson,
    decimal? Value,
    int? ContractVersion,
    string? Currency,
    long? AmountMinor);
