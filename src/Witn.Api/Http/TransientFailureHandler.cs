using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Witn.Api.Http;

/// <summary>
/// A request that failed because part of the system is briefly unreachable (a silo that just died and is not yet
/// declared dead, PostgreSQL restarting, a grain call timing out) is answered 503 with Retry-After: the request
/// was fine and may simply be sent again. Everything else stays a 500.
/// </summary>
public sealed class TransientFailureHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = Problems.TypeBase + "temporarily-unavailable",
                Title = "Temporarily unavailable",
                Detail = "part of the cluster or its database did not answer in time; nothing was lost — send the request again in a moment",
            },
        });
    }

    private static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutException or DbException { IsTransient: true } or SiloUnavailableException or OrleansMessageRejectionException => true,
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsTransient(aggregate.InnerExceptions[0]),
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}
