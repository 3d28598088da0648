namespace Witn.Client.Http;

/// <summary>The fields of an RFC 9457 problem document the client reads.</summary>
internal sealed record ProblemBody(string? Type, string? Title, int? Status, string? Detail, string? TraceId, IReadOnlyList<WitnApiError>? Errors);
