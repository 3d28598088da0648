namespace Witn.Api.Http;

/// <summary>One thing wrong with a request: where (a JSON path), what, and how to fix it.</summary>
public sealed record InputError(string Path, string Message, string? Hint = null);
