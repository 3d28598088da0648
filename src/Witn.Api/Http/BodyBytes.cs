using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Witn.Api.Http;

/// <summary>
/// Reads a whole request body up to a limit, for <see cref="JsonBody"/> and <see cref="DocumentBody"/>: a body over
/// it (by its Content-Length, or once that many bytes arrived) is a 413 <c>request-too-large</c> problem naming the
/// limit, before the server's own cap (30 MB, a bare 413) is reached.
/// </summary>
public static class BodyBytes
{
    /// <param name="request">The request whose body is read.</param>
    /// <param name="maxBytes">The limit.</param>
    /// <param name="what">What the body is, for the message: "a definition", "a JSON body".</param>
    /// <param name="hint">How to stay under the limit.</param>
    public static async Task<(MemoryStream? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, string what, string hint)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes, what, hint));
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                await buffer.DisposeAsync();
                return (null, TooLarge(maxBytes, what, hint));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer, null);
    }

    private static ProblemHttpResult TooLarge(int maxBytes, string what, string hint)
    {
        var limit = maxBytes >= 1024 * 1024 ? $"{maxBytes / (1024 * 1024)} MiB" : $"{maxBytes / 1024} KiB";
        return Problems.TooLarge($"the body is larger than {limit}, the limit on {what}", [new InputError("$", $"the body is larger than {limit}", hint)]);
    }
}
