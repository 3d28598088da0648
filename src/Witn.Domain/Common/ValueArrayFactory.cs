namespace Witn.Domain.Common;

/// <summary>Factory for <see cref="ValueArray{T}"/>, also used by collection expressions.</summary>
public static class ValueArray
{
    public static ValueArray<T> Create<T>(ReadOnlySpan<T> items) => new(items.ToArray(), true);

    public static ValueArray<T> ToValueArray<T>(this IEnumerable<T> items) => new(items.ToArray(), true);
}
