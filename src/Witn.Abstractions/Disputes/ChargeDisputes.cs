namespace Witn.Abstractions.Disputes;

/// <summary>
/// A charge as a dispute sees it: its amount (null when the contract rates it on the invoice), what is credited and
/// what is still disputable, and its disputes, oldest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.disputes.charge-disputes")]
public sealed record ChargeDisputes(
    [property: Id(0)] Guid ChargeId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] decimal? Amount,
    [property: Id(3)] string? Currency,
    [property: Id(4)] decimal Credited,
    [property: Id(5)] decimal Disputable,
    [property: Id(6)] DisputeView[] Disputes);
