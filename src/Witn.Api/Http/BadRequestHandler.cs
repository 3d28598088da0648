using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Witn.Api.Http;

/// <summary>
/// Turns ASP.NET Core's own binding failures (a query or route value of the wrong type, a missing required
/// parameter; thrown because <c>RouteHandlerOptions.ThrowOnBadRequest</c> is on) into the API's problem responses:
/// which parameter, what was wrong with it, and the form it takes. Without this they were a bare 400.
/// </summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var (detail, error) = Describe(bad.Message);
        var problem = Problems.Create(bad.StatusCode, "invalid-request", "The request is invalid", detail, error is null ? null : [error]);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    private static (string Detail, InputError? Error) Describe(string message)
    {
        if (BindingFailed().Match(message) is { Success: true } failed)
        {
            var (name, value) = (QueryName(failed.Groups["name"].Value), failed.Groups["value"].Value);
            var what = $"'{value}' is not {Expected(failed.Groups["type"].Value)}";
            return ($"{name}: {what}", new InputError(name, what, $"give {name} as {Expected(failed.Groups["type"].Value)}, or leave it out"));
        }

        if (RequiredMissing().Match(message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            return ($"{name} is required", new InputError(name, $"{name} is missing", $"give {name} as {Expected(missing.Groups["type"].Value)}"));
        }

        return (message, null);
    }

    // A property of an [AsParameters] type (PageQuery.Limit) is named as C# spells it; the query spells it snake_case.
    private static string QueryName(string name) =>
        name.Length > 0 && char.IsUpper(name[0]) ? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name) : name;

    /// <summary>The form of a value of a CLR type, as an API user knows it (shared with <see cref="PathValues"/>).</summary>
    internal static string Expected(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>') switch
    {
        "int" or "Int32" or "long" or "Int64" => "a whole number",
        "decimal" or "Decimal" or "double" or "Double" => "a number",
        "bool" or "Boolean" => "true or false",
        "Guid" => "an id (a UUID such as 0192f0c4-5b7e-7c1a-9d3e-4f5a6b7c8d9e)",
        "DateTimeOffset" or "DateTime" => "an ISO 8601 instant such as 2026-11-01T00:00:00Z",
        "DateOnly" => "a date such as 2026-11-01",
        var other => $"a {other}",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindingFailed();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided""", RegexOptions.Singleline)]
    private static partial Regex RequiredMissing();
}
