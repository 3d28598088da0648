namespace Witn.Abstractions.Disputes;

/// <summary>
/// A request to open a dispute as read from its body (the reason still as text; the grain checks it).
/// <see cref="Amount"/> null disputes all that is still undisputed and uncredited; <see cref="Author"/> is the key id
/// or the portal session that writes the first message as the customer.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.disputes.open")]
public sealed record DisputeOpen(
    [property: Id(0)] string? Reason,
    [property: Id(1)] string? Message,
    [property: Id(2)] decimal? Amount,
    [property: Id(3)] string Author);
