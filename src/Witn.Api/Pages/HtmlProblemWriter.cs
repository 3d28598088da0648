using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Witn.Api.Http;
using Witn.Api.Security;

namespace Witn.Api.Pages;

/// <summary>
/// Writes the problems of page routes as pages when a browser asks for one: a missing or refused key as the key form
/// (<see cref="KeyPage"/>), anything else — a bad path value, a charge not found, a 403, an unhandled exception — as
/// the error page with the problem's title, detail, errors and trace id. Registered before the JSON writers, and
/// only for <see cref="HtmlPages.Wanted"/> requests, so API clients keep getting problem JSON.
/// </summary>
public sealed class HtmlProblemWriter(PageRenderer pages, IOptions<ProblemDetailsOptions> problemOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => context is not null && HtmlPages.Wanted(context.HttpContext);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        var status = problem.Status ?? http.Response.StatusCode;
        problem.Status = status;
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var html = status == StatusCodes.Status401Unauthorized ? await KeyFormAsync(http) : await ErrorAsync(problem, status);
        await PageRenderer.WriteAsync(http, html, status);
    }

    private Task<string> KeyFormAsync(HttpContext http)
    {
        // A key the browser kept that no longer works is forgotten, and the form says why.
        string? reason = null;
        if (http.Request.Cookies.ContainsKey(PageKeyCookie.Name))
        {
            PageKeyCookie.Forget(http.Response);
            reason = "The key this browser kept for pages is no longer accepted (revoked or expired): type a current one.";
        }

        return pages.RenderAsync(typeof(KeyPage), new Dictionary<string, object?>
        {
            [nameof(KeyPage.ReturnPath)] = http.Request.Path + http.Request.QueryString,
            [nameof(KeyPage.Reason)] = reason ?? (http.Items[ApiKeyAuthenticationHandler.FailureItem] is string failure && failure != ApiKeyAuthenticationHandler.NoKeySent ? failure : null),
        });
    }

    private Task<string> ErrorAsync(ProblemDetails problem, int status) =>
        pages.RenderAsync(typeof(ErrorPage), new Dictionary<string, object?>
        {
            [nameof(ErrorPage.Status)] = status,
            [nameof(ErrorPage.Title)] = problem.Title ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            [nameof(ErrorPage.Detail)] = problem.Detail,
            [nameof(ErrorPage.Errors)] = problem.Extensions.TryGetValue("errors", out var errors) ? errors as IReadOnlyList<InputError> : null,
            [nameof(ErrorPage.Instance)] = problem.Instance,
            [nameof(ErrorPage.TraceId)] = problem.Extensions.TryGetValue("trace_id", out var trace) ? trace as string : null,
        });
}
