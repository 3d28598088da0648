using System.Net;
using System.Text;

namespace Witn.Client;

/// <summary>
/// The API answered with an error (an RFC 9457 problem document, or at least a non-success status): carries the
/// status, the server's title and detail, and the per-field errors with their fixes.
/// </summary>
public sealed class WitnApiException : Exception
{
    public WitnApiException(HttpStatusCode status, string title, string? detail, IReadOnlyList<WitnApiError>? errors = null, string? type = null, string? traceId = null)
        : base(Describe(status, title, detail, errors))
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors ?? [];
        Type = type;
        TraceId = traceId;
    }

    public WitnApiException()
        : this(HttpStatusCode.InternalServerError, "Unknown API error", null)
    {
    }

    public WitnApiException(string message)
        : this(HttpStatusCode.InternalServerError, message, null)
    {
    }

    public WitnApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = HttpStatusCode.InternalServerError;
        Title = message;
        Errors = [];
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem's short, stable summary (e.g. "The request is invalid").</summary>
    public string Title { get; }

    /// <summary>What exactly went wrong and, usually, how to fix it.</summary>
    public string? Detail { get; }

    /// <summary>The problem type URI (e.g. <c>https://witn.actors/problems/invalid-request</c>), when given.</summary>
    public string? Type { get; }

    /// <summary>The server's trace id for this request: quote it when reporting a problem.</summary>
    public string? TraceId { get; }

    /// <summary>Each field that was wrong, in the order the server found them; empty when the problem is not about fields.</summary>
    public IReadOnlyList<WitnApiError> Errors { get; }

    private static string Describe(HttpStatusCode status, string title, string? detail, IReadOnlyList<WitnApiError>? errors)
    {
        var text = new StringBuilder($"{(int)status} {title}");
        if (!string.IsNullOrEmpty(detail))
        {
            text.Append(": ").Append(detail);
        }

        foreach (var e in errors ?? [])
        {
            text.Append($"\n  {e.Path}: {e.Message}");
            if (e.Hint is not null)
            {
                text.Append($" ({e.Hint})");
            }
        }

        return text.ToString();
    }
}
