using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Features;

namespace Witn.Api.Http;

/// <summary>
/// Rules on the request target itself, checked once for every route before routing sees it:
/// <list type="bullet">
/// <item>no dot segment (<c>.</c>, <c>..</c>, also percent-encoded as <c>%2e%2e</c>) in the path: the server resolves
/// them, so <c>/v1/tenants/%2e%2e/outcomes</c> would be answered as <c>/v1/outcomes</c>, a route the sender did not name;</item>
/// <item>no encoded slash (<c>%2F</c>) in the path: a path value never holds one (a correlation value with a slash is
/// written with a plain <c>/</c> in the routes that take it), and proxies disagree about whether it separates segments;</item>
/// <item>no NUL character (<c>%00</c>) in a query name or value: PostgreSQL cannot compare or store text holding one.</item>
/// </list>
/// Each is a 400 problem naming the path segment or the query parameter. The raw target
/// (<see cref="IHttpRequestFeature.RawTarget"/>) is read, because the decoded path has the dot segments resolved already.
/// </summary>
public static class RequestTargetRules
{
    /// <summary>Answers a request that breaks a rule with its problem before anything else (authentication included) runs.</summary>
    public static IApplicationBuilder UseRequestTargetRules(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (Check(context) is { } problem)
            {
                await problem.ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    /// <summary>The 400 problem for the first rule the request breaks, or null when it breaks none.</summary>
    public static ProblemHttpResult? Check(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? raw : raw[..query];
        var segments = path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Contains("%2f", StringComparison.OrdinalIgnoreCase))
            {
                return Problems.Invalid($"segment {i} of the path ('{segment}') holds an encoded slash (%2F)",
                    [new InputError("path", $"segment {i} of the path ('{segment}') holds an encoded slash (%2F)",
                        "path values never hold a slash: leave it out, or write a correlation value's slash as a plain '/'")]);
            }

            if (Unescape(segment) is "." or "..")
            {
                return Problems.Invalid($"segment {i} of the path ('{segment}') is a dot segment",
                    [new InputError("path", $"segment {i} of the path ('{segment}') is a dot segment ('.' or '..', percent-encoded or not)",
                        "name the route itself: the routes are listed in /openapi/v1.json")]);
            }
        }

        foreach (var (name, values) in context.Request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                var shown = name.Replace("\0", "%00", StringComparison.Ordinal);
                return Problems.Invalid($"the query parameter '{shown}' holds a NUL character (%00)",
                    [new InputError(shown, $"{shown} holds a NUL character (U+0000, %00)", $"remove the %00 from {shown}; no value holds one")]);
            }
        }

        return null;
    }

    private static string Unescape(string segment)
    {
        try
        {
            return Uri.UnescapeDataString(segment);
        }
        catch (UriFormatException)
        {
            return segment;
        }
    }
}
