using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Witn.Api.Http;

/// <summary>
/// Reads a JSON body ourselves instead of through parameter binding, so a malformed body becomes a problem
/// response that says where the JSON broke (path, line, byte) rather than a bare 400. UTF-8 only (<see cref="BodyCharset"/>).
/// </summary>
public static partial class JsonBody
{
    /// <summary>Bytes of a JSON body (8 MiB: an evaluate request carries up to 10,000 events); more is a 413.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (request.HasJsonContentType() is false)
        {
            return (null, Problems.Invalid(
                $"the body must be JSON (Content-Type: application/json), not '{request.ContentType ?? "none"}'",
                [new InputError("$", "unsupported content type", "send the body as JSON with 'Content-Type: application/json'")]));
        }

        if (BodyCharset.Refuse(request.ContentType) is { } charset)
        {
            return (null, charset);
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var (read, tooLarge) = await BodyBytes.ReadAsync(request, MaxBytes, "a JSON body", "send less in one request (fewer events to evaluate, for instance)");
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }

        using var body = read!;
        if (UnstorableText.Find(body.Span, json: true) is { } nul)
        {
            return (null, Problems.Invalid($"the body: {nul.Message}", [nul]));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body.Span, options);
            return value is null
                ? (null, Problems.Invalid("the body is empty or null", [new InputError("$", "a JSON object is required", "send a JSON object")]))
                : (value, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            var (message, hint) = Explain(e, options.GetTypeInfo(typeof(T)));
            return (null, Problems.Invalid($"the body is not valid JSON for this request{where}: {message}", [new InputError(e.Path ?? "$", message, hint)]));
        }
    }

    // System.Text.Json names .NET types in its messages; say it in the API's terms instead.
    private static (string Message, string Hint) Explain(JsonException e, System.Text.Json.Serialization.Metadata.JsonTypeInfo type)
    {
        var known = string.Join(", ", type.Properties.Select(p => p.Name));
        var unmapped = UnmappedProperty().Match(e.Message);
        if (unmapped.Success)
        {
            return ($"unknown field '{unmapped.Groups[1].Value}'", $"remove it; the known fields are {known}");
        }

        if (e.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            // A top-level field: say what it takes; deeper values keep the general answer.
            var field = e.Path is ['$', '.', .. var rest] ? type.Properties.FirstOrDefault(p => p.Name == rest) : null;
            return field is null
                ? ("this value has the wrong type", $"check the type of this field; the known fields are {known}")
                : ($"{field.Name} must be {FormOf(field.PropertyType)}", $"write {field.Name} as {FormOf(field.PropertyType)}");
        }

        return (FirstSentence(e.Message), "fix the JSON at this position");
    }

    private static string FormOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName));
        }

        return typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? "a list" : BadRequestHandler.Expected(type.Name);
    }

    [System.Text.RegularExpressions.GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial System.Text.RegularExpressions.Regex UnmappedProperty();

    // System.Text.Json appends "Path: … | LineNumber: …" which we already report as structured fields.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd('.', ' ') : message;
    }
}
