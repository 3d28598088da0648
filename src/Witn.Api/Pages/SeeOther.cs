using Microsoft.AspNetCore.Http;

namespace Witn.Api.Pages;

/// <summary>
/// 303 See Other: after a form (or a link that sets a cookie) the browser follows with a GET of
/// <paramref name="location"/>, so reloading the page sends nothing again and the address bar shows a clean URL.
/// </summary>
public sealed class SeeOther(string location) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = location;
        httpContext.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
