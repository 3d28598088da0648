using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Witn.Domain.Definitions;

namespace Witn.Api.Http;

/// <summary>
/// Reads a document sent as the whole body — an outcome definition or a contract: YAML (<c>application/yaml</c>,
/// <c>text/yaml</c>, <c>…+yaml</c>) or JSON (<c>application/json</c>, <c>…+json</c>), UTF-8 (<see cref="BodyCharset"/>),
/// at most <see cref="MaxBytes"/> (else 413). The text is kept as sent: it is stored with the version, and error lines and columns refer to it.
/// </summary>
public static class DocumentBody
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="request">The request whose body is the document.</param>
    /// <param name="what">What the document is, for messages: "definition", "contract".</param>
    public static async Task<(string? Text, DefinitionFormat Format, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, string what)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = FormatOf(request.ContentType);
        if (format is null)
        {
            return Fail(Problems.Invalid(
                $"a {what} must be sent as YAML (Content-Type: application/yaml) or JSON (Content-Type: application/json), not '{request.ContentType ?? "none"}'",
                [new InputError("$", "unsupported content type", $"send the {what} with 'Content-Type: application/yaml' or 'Content-Type: application/json'")]));
        }

        if (BodyCharset.Refuse(request.ContentType) is { } charset)
        {
            return Fail(charset);
        }

        var (body, tooLarge) = await BodyBytes.ReadAsync(request, MaxBytes, $"a {what}", $"a {what} is small text; remove repeated parts");
        if (tooLarge is not null)
        {
            return Fail(tooLarge);
        }

        using var bytes = body!;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.Span).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Fail(Problems.Invalid($"the {what} is not valid UTF-8",
                [new InputError("$", "invalid UTF-8 bytes", "encode the text as UTF-8")]));
        }

        // Stored as sent (text) and as parsed (jsonb): PostgreSQL takes neither with a NUL in it.
        if (UnstorableText.Find(bytes.Span, format == DefinitionFormat.Json) is { } nul)
        {
            return Fail(Problems.Invalid($"the {what}: {nul.Message}", [nul]));
        }

        return (text, format.Value, null);
    }

    private static (string?, DefinitionFormat, ProblemHttpResult?) Fail(ProblemHttpResult problem) => (null, default, problem);

    private static DefinitionFormat? FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type)
        {
            return null;
        }

        type = type.ToLowerInvariant();
        if (type is "application/json" || type.EndsWith("+json", StringComparison.Ordinal))
        {
            return DefinitionFormat.Json;
        }

        return type is "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml" || type.EndsWith("+yaml", StringComparison.Ordinal)
            ? DefinitionFormat.Yaml
            : null;
    }
}
