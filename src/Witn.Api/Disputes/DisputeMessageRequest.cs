namespace Witn.Api.Disputes;

/// <summary>Body of <c>POST /v1/disputes/{id}/messages</c>: whom the message speaks for (<c>customer</c> or <c>operator</c>) and its text.</summary>
public sealed record DisputeMessageRequest(string? Author, string? Text);
