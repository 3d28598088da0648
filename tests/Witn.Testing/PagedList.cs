using System.Text.Json;

namespace Witn.Testing;

/// <summary>Reads every item of a list endpoint paged by <c>limit</c> and <c>after</c> (the last item's <c>id</c>).</summary>
public static class PagedList
{
    private const int PageSize = 1000;

    /// <summary>Pages with plain GETs; a failed page throws with the status and body.</summary>
    public static Task<List<JsonElement>> AllAsync(HttpClient client, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return AllAsync(async page =>
        {
            using var response = await client.GetAsync(new Uri(page, UriKind.Relative), cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {page}: {(int)response.StatusCode} {text}");
            }

            using var document = JsonDocument.Parse(text);
            return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
        }, path);
    }

    /// <summary>Pages with the caller's GET (e.g. one that retries), which returns a page's items.</summary>
    public static async Task<List<JsonElement>> AllAsync(Func<string, Task<List<JsonElement>>> getPage, string path)
    {
        ArgumentNullException.ThrowIfNull(getPage);
        ArgumentNullException.ThrowIfNull(path);
        var all = new List<JsonElement>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        for (string? after = null; ;)
        {
            var items = await getPage($"{path}{separator}limit={PageSize}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}"));
            all.AddRange(items);
            if (items.Count < PageSize)
            {
                return all;
            }

            after = items[^1].GetProperty("id").GetString();
        }
    }
}
