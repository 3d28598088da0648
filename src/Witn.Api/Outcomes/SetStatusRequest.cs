namespace Witn.Api.Outcomes;

/// <summary>Body of <c>POST /v1/outcomes/{name}/status</c>: <c>active</c>, <c>shadow</c> or <c>retired</c>.</summary>
public sealed record SetStatusRequest(string? Status);
