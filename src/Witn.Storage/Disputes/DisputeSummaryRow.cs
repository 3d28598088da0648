namespace Witn.Storage.Disputes;

/// <summary>
/// One group of the dispute summary: <see cref="Definition"/> or <see cref="AgentId"/>/<see cref="AgentVersion"/>
/// name it (all null when the summary is not grouped). The dispute counts are of disputes opened in the range;
/// <see cref="Charges"/> and <see cref="DisputedCharges"/> are of charges settled in it.
/// </summary>
public sealed record DisputeSummaryRow(
    string? Definition,
    string? AgentId,
    string? AgentVersion,
    long Opened,
    long Credited,
    long Rejected,
    long Withdrawn,
    IReadOnlyList<(string Currency, decimal Amount)> CreditedAmounts,
    double? MedianSecondsToResolution,
    long Charges,
    long DisputedCharges);
