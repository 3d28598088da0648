namespace Witn.Client;

/// <summary>One thing the server found wrong with a request: where (a JSON path), what, and how to fix it.</summary>
public sealed record WitnApiError(string Path, string Message, string? Hint);
