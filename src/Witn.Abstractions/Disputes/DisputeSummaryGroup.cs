namespace Witn.Abstractions.Disputes;

/// <summary>
/// One group of a tenant's dispute summary (docs/disputes.md#summary): named by <see cref="Definition"/>, or by
/// <see cref="AgentId"/> and <see cref="AgentVersion"/>, or by nothing when the summary is not grouped. Dispute counts
/// are of disputes opened in the range, by their status now; <see cref="Charges"/> and <see cref="DisputedCharges"/>
/// are of charges settled in the range.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.disputes.summary-group")]
public sealed record DisputeSummaryGroup(
    [property: Id(0)] string? Definition,
    [property: Id(1)] string? AgentId,
    [property: Id(2)] string? AgentVersion,
    [property: Id(3)] long Opened,
    [property: Id(4)] long Credited,
    [property: Id(5)] long Rejected,
    [property: Id(6)] long Withdrawn,
    [property: Id(7)] DisputeCreditedAmount[] CreditedAmounts,
    [property: Id(8)] double? MedianSecondsToResolution,
    [property: Id(9)] long Charges,
    [property: Id(10)] long DisputedCharges);
