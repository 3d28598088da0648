using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Witn.Api.Http;

namespace Witn.Api.Pages;

/// <summary>
/// The body of a page's form (application/x-www-form-urlencoded, UTF-8: the customer portal's and the operator
/// console's), read once through the one body reader and kept on the request, so a gate (its CSRF field) and the
/// handler (the rest) read the same fields. Also the one same-origin rule of forms (<see cref="CrossSite"/>).
/// </summary>
public static class PageForm
{
    /// <summary>A dispute message is at most 10,000 characters, up to 4 bytes each and 3 once percent-encoded: 128 KiB holds it.</summary>
    public const int MaxBytes = 128 * 1024;

    /// <summary>The hidden field every portal and console form carries (its CSRF token).</summary>
    public const string CsrfField = "csrf";

    private const string Item = "witn:page_form";

    public static async Task<(IReadOnlyDictionary<string, StringValues>? Form, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HttpContext.Items[Item] is IReadOnlyDictionary<string, StringValues> read)
        {
            return (read, null);
        }

        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, Problems.Invalid("the pages' forms are sent as forms",
                [new InputError("body", $"the body is '{request.ContentType}'", "send the page's form from the browser (application/x-www-form-urlencoded)")]));
        }

        if (BodyCharset.Refuse(request.ContentType) is { } charset)
        {
            return (null, charset);
        }

        var (body, tooLarge) = await BodyBytes.ReadAsync(request, MaxBytes, "a page's form", "shorten the message (at most 10,000 characters)");
        if (body is null)
        {
            return (null, tooLarge);
        }

        using (body)
        {
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body.Span));
            request.HttpContext.Items[Item] = form;
            return (form, null);
        }
    }

    /// <summary>A field's value (the first when sent twice), or null when the form has none.</summary>
    public static string? Field(IReadOnlyDictionary<string, StringValues> form, string name) =>
        form is not null && form.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>The origin a cross-site POST came from (Origin, or Sec-Fetch-Site), or null for a same-origin one.</summary>
    public static string? CrossSite(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return origin;
        }

        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        return fetchSite is "" or "same-origin" or "none" ? null : $"a {fetchSite} page";
    }
}
