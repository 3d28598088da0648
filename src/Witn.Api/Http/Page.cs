namespace Witn.Api.Http;

/// <summary>
/// The body of every list endpoint: <c>{"data": [...], "has_more": bool, "next_after": "…"|null}</c>. For the next page
/// pass <see cref="NextAfter"/> as <c>after</c>; it is null exactly when <see cref="HasMore"/> is false.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Data, bool HasMore, string? NextAfter);
