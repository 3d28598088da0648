using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Witn.Api.Http;

/// <summary>
/// The one charset rule of every request body (<see cref="JsonBody"/>, <see cref="DocumentBody"/>, the events route):
/// bodies are UTF-8. A <c>charset</c> parameter may say so (<c>utf-8</c>, <c>utf8</c>, any case) or be left out;
/// any other is a 415 problem, never a body silently read as UTF-8 that was meant as something else.
/// </summary>
public static class BodyCharset
{
    /// <summary>The 415 problem for a declared charset other than UTF-8, or null when the body may be read.</summary>
    public static ProblemHttpResult? Refuse(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.Charset.Value is not { Length: > 0 } charset)
        {
            return null;
        }

        charset = charset.Trim('"');
        if (charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var problem = Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-charset", "The charset is not supported",
            $"request bodies must be UTF-8, not '{charset}'",
            [new InputError("$", $"unsupported charset '{charset}'", "encode the body as UTF-8 and send charset=utf-8, or leave charset out")]);
        return TypedResults.Problem(problem);
    }
}
