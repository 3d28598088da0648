using System.Text.Json;

namespace Witn.Testing;

/// <summary>
/// Reads list endpoints, whose body is the paging envelope <c>{"data": [...], "has_more": bool, "next_after": …}</c>:
/// one page's items, or every item by following <c>next_after</c>. Every page read is checked to be a well-formed envelope.
/// </summary>
public static class PagedList
{
    private const int PageSize = 1000;

    /// <summary>The items of one page; throws when the body is not a well-formed envelope.</summary>
    public static List<JsonElement> Data(JsonElement page)
    {
        if (page.ValueKind != JsonValueKind.Object || !page.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array
            || !page.TryGetProperty("has_more", out var more) || more.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
            || !page.TryGetProperty("next_after", out var next) || (more.GetBoolean() ? next.ValueKind != JsonValueKind.String : next.ValueKind != JsonValueKind.Null)
            || page.EnumerateObject().Count() != 3)
        {
            throw new InvalidOperationException($"not a page envelope: {page.GetRawText()}");
        }

        return [.. data.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>The cursor of the next page, or null after the last.</summary>
    public static string? NextAfter(JsonElement page) => page.GetProperty("next_after").GetString();

    /// <summary>One page's items with a plain GET; a failed page throws with the status and body.</summary>
    public static async Task<List<JsonElement>> PageAsync(HttpClient client, string path, CancellationToken cancellationToken = default) =>
        Data(await GetAsync(client, path, cancellationToken));

    /// <summary>Pages with plain GETs; a failed page throws with the status and body.</summary>
    public static Task<List<JsonElement>> AllAsync(HttpClient client, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return AllAsync(page => GetAsync(client, page, cancellationToken), path);
    }

    /// <summary>Pages with the caller's GET (e.g. one that retries), which returns a page's body.</summary>
    public static async Task<List<JsonElement>> AllAsync(Func<string, Task<JsonElement>> getPage, string path)
    {
        ArgumentNullException.ThrowIfNull(getPage);
        ArgumentNullException.ThrowIfNull(path);
        var all = new List<JsonElement>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        for (string? after = null; ;)
        {
            var page = await getPage($"{path}{separator}limit={PageSize}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}"));
            all.AddRange(Data(page));
            after = NextAfter(page);
            if (after is null)
            {
                return all;
            }
        }
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
