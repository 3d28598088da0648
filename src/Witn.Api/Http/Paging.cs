using Microsoft.AspNetCore.Http.HttpResults;

namespace Witn.Api.Http;

/// <summary>
/// The one paging rule of every list endpoint: <c>?limit=&amp;after=</c>, keyset (never offset), answered as a
/// <see cref="Page{T}"/>. <c>limit</c> is 1 to <see cref="MaxLimit"/>, <see cref="DefaultLimit"/> when not given;
/// <c>after</c> is the sort key of the last item of the previous page (the page's <c>next_after</c>), so rows added
/// while a client pages never shift or repeat an item. A store is asked for one row more than the page
/// (<see cref="Fetch"/>): that row says whether there is a next page and is not returned.
/// </summary>
public static class Paging
{
    public const int MaxLimit = 1000;

    public const int DefaultLimit = 100;

    /// <summary>The page size asked for, or <see cref="DefaultLimit"/>; an out-of-range one adds an error naming <c>limit</c>.</summary>
    public static int Limit(PageQuery query, List<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (query.Limit is { } limit and (< 1 or > MaxLimit))
        {
            errors.Add(new InputError("limit", $"limit {limit} is out of range", $"use 1 to {MaxLimit} (default {DefaultLimit})"));
            return DefaultLimit;
        }

        return query.Limit ?? DefaultLimit;
    }

    /// <summary>How many rows to ask a store for: one more than the page, to know whether another page follows.</summary>
    public static int Fetch(int limit) => limit + 1;

    /// <summary>
    /// The cursor <c>after</c> parsed by <paramref name="parse"/> (null when not given); a malformed one adds an error
    /// naming <c>after</c> that says it must be <paramref name="what"/>.
    /// </summary>
    public static T? After<T>(PageQuery query, List<InputError> errors, string what, Func<string, T?> parse)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(parse);
        if (query.After is not { } after)
        {
            return null;
        }

        var parsed = parse(after);
        if (parsed is null)
        {
            errors.Add(BadAfter(after, what));
        }

        return parsed;
    }

    /// <summary>A cursor that is a name or id as text: 1 to 512 characters without control characters.</summary>
    public static string? AfterText(PageQuery query, List<InputError> errors, string what)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (query.After is not { } after)
        {
            return null;
        }

        if (after.Length is 0 or > 512 || after.Any(char.IsControl))
        {
            errors.Add(BadAfter(after, what));
            return null;
        }

        return after;
    }

    /// <summary>Parses a UUID cursor.</summary>
    public static Guid? Uuid(string after) => Guid.TryParse(after, out var id) ? id : null;

    /// <summary>The 400 for a page query with errors (limit, after, and the list's own filters).</summary>
    public static ProblemHttpResult Invalid(List<InputError> errors, string list)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Problems.Invalid(errors.Count == 1 ? errors[0].Message : $"the {list} query has {errors.Count} errors", errors);
    }

    /// <summary>The 400 for a well-formed <c>after</c> that names no item of the list the caller may see.</summary>
    public static ProblemHttpResult UnknownAfter(string after, string what) =>
        Problems.Invalid($"'after' names no {what} of this list", [new InputError("after", $"'{after}' is not a {what} of this list", Hint)]);

    /// <summary>
    /// The page of <paramref name="rows"/> (fetched with <see cref="Fetch"/>): the first <paramref name="limit"/> mapped
    /// by <paramref name="map"/>, and the key of the last one as <c>next_after</c> when more follow.
    /// </summary>
    public static Page<TOut> Of<TIn, TOut>(IReadOnlyList<TIn> rows, int limit, Func<TIn, string> key, Func<TIn, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(map);
        var hasMore = rows.Count > limit;
        var page = hasMore ? rows.Take(limit).ToArray() : rows;
        return new Page<TOut>([.. page.Select(map)], hasMore, hasMore ? key(page[^1]) : null);
    }

    private const string Hint = "pass the next_after of the previous page, or leave 'after' out for the first page";

    private static InputError BadAfter(string after, string what) => new("after", $"'{after}' is not a {what}", Hint);
}
