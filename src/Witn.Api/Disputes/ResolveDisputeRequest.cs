namespace Witn.Api.Disputes;

/// <summary>
/// Body of <c>POST /v1/disputes/{id}/resolve</c>: <c>credit</c> (amount as a decimal string, default the disputed
/// amount) or <c>reject</c> (note required: the customer reads it).
/// </summary>
public sealed record ResolveDisputeRequest(string? Decision, string? Amount, string? Note);
