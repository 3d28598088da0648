namespace Witn.Api.Disputes;

/// <summary>
/// Body of <c>POST /v1/charges/{id}/disputes</c>: why (one of the dispute reasons), what the customer says, and the
/// amount disputed as a decimal string ("1.00"; left out: all that is still undisputed and uncredited).
/// </summary>
public sealed record OpenDisputeRequest(string? Reason, string? Message, string? Amount);
