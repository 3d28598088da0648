using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Witn.Api.Http;

/// <summary>
/// The one reader of request bodies, for every route that takes one (<see cref="JsonBody"/>, <see cref="DocumentBody"/>,
/// <c>POST /v1/events</c>): the whole body up to the route's limit, into a pooled buffer. A body over it (by its
/// Content-Length, or once that many bytes arrived) is a 413 <c>request-too-large</c> problem naming the limit, before
/// the server's own cap (30 MB, a bare 413) is reached.
/// </summary>
public static class BodyBytes
{
    /// <param name="request">The request whose body is read.</param>
    /// <param name="maxBytes">The limit.</param>
    /// <param name="what">What the body is, for the message: "a definition", "a JSON body".</param>
    /// <param name="hint">How to stay under the limit.</param>
    public static async Task<(RequestBody? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, string what, string hint)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes, what, hint));
        }

        // One byte more than the limit, so a body that fills the buffer is known to be over it.
        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } length ? (int)length + 1 : 16 * 1024);
        var read = 0;
        try
        {
            while (true)
            {
                if (read == buffer.Length)
                {
                    if (read > maxBytes)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return (null, TooLarge(maxBytes, what, hint));
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, read).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var n = await request.Body.ReadAsync(buffer.AsMemory(read), request.HttpContext.RequestAborted);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (read > maxBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, TooLarge(maxBytes, what, hint));
        }

        return (new RequestBody(buffer, read), null);
    }

    private static ProblemHttpResult TooLarge(int maxBytes, string what, string hint)
    {
        var limit = maxBytes >= 1024 * 1024 ? $"{maxBytes / (1024 * 1024)} MiB" : $"{maxBytes / 1024} KiB";
        return Problems.TooLarge($"the body is larger than {limit}, the limit on {what}", [new InputError("$", $"the body is larger than {limit}", hint)]);
    }
}
