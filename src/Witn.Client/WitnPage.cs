namespace Witn.Client;

/// <summary>
/// One page of a list, as every list endpoint answers it: <see cref="Data"/>, whether another page follows, and the
/// cursor to ask for it with (<see cref="NextAfter"/>, null after the last page).
/// </summary>
public sealed record WitnPage<T>(IReadOnlyList<T> Data, bool HasMore, string? NextAfter);
