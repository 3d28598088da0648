using Microsoft.AspNetCore.Http;

namespace Witn.Api.Invoices;

/// <summary>201 Created with a Location and a JSON document that is already serialized (a finalized invoice's stored bytes).</summary>
public sealed class CreatedJson(string location, string json) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status201Created;
        httpContext.Response.Headers.Location = location;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await httpContext.Response.WriteAsync(json, httpContext.RequestAborted);
    }
}
