using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Witn.Abstractions.Outcomes;
using Witn.Api.Http;
using Witn.Domain.Definitions;

namespace Witn.Api.Outcomes;

/// <summary>
/// Reads a definition sent as the whole body: YAML (<c>application/yaml</c>, <c>text/yaml</c>, <c>…+yaml</c>) or JSON
/// (<c>application/json</c>, <c>…+json</c>), UTF-8, at most <see cref="MaxBytes"/>. The text is kept as sent:
/// it is stored with the version, and error lines and columns refer to it.
/// </summary>
public static class DefinitionBody
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(DefinitionSource? Source, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request)
    {
        var format = FormatOf(request.ContentType, out var charset);
        if (format is null)
        {
            return (null, Problems.Invalid(
                $"a definition must be sent as YAML (Content-Type: application/yaml) or JSON (Content-Type: application/json), not '{request.ContentType ?? "none"}'",
                [new InputError("$", "unsupported content type", "send the definition with 'Content-Type: application/yaml' or 'Content-Type: application/json'")]));
        }

        if (charset is { Length: > 0 } && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Invalid($"the definition must be UTF-8, not '{charset}'",
                [new InputError("$", "unsupported charset", "encode the text as UTF-8 (or leave charset out)")]));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, Problems.Invalid($"the definition is larger than {MaxBytes / 1024} KiB",
                    [new InputError("$", "the body is too large", "definitions are small; split the condition or remove repeated parts")]));
            }

            buffer.Write(chunk, 0, read);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problems.Invalid("the definition is not valid UTF-8",
                [new InputError("$", "invalid UTF-8 bytes", "encode the text as UTF-8")]));
        }

        return (new DefinitionSource(text.TrimStart('\uFEFF'), format.Value), null);
    }

    private static DefinitionFormat? FormatOf(string? contentType, out string? charset)
    {
        charset = null;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type)
        {
            return null;
        }

        charset = media.Charset.Value;
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
