namespace Witn.Api.Http;

/// <summary>The page size rule every list endpoint shares: 1 to <see cref="MaxLimit"/> items, <see cref="DefaultLimit"/> when not given.</summary>
public static class Paging
{
    public const int MaxLimit = 1000;

    public const int DefaultLimit = 100;

    /// <summary>The error for a page size out of range (query parameter <paramref name="name"/>), or null when it is fine.</summary>
    public static InputError? CheckLimit(string name, int? value) =>
        value is < 1 or > MaxLimit ? new InputError(name, $"{name} {value} is out of range", $"use 1 to {MaxLimit}") : null;
}
