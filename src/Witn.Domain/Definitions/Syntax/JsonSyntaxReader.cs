using System.Text.Json;

namespace Witn.Domain.Definitions.Syntax;

/// <summary>Reads JSON (comments and trailing commas tolerated); positions are reported for syntax errors only.</summary>
internal static class JsonSyntaxReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    public static SyntaxNode? Read(string text, List<DefinitionError> errors)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            return Convert(document.RootElement);
        }
        catch (JsonException e)
        {
            int? line = e.LineNumber is { } l ? (int)l + 1 : null;
            int? column = e.BytePositionInLine is { } c ? (int)c + 1 : null;
            errors.Add(new DefinitionError(string.Empty, line, column, "invalid JSON: " + e.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0], "check quoting, commas and brackets at this position"));
            return null;
        }
    }

    private static SyntaxNode Convert(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new MappingNode(null, null);
                foreach (var p in e.EnumerateObject())
                {
                    map.Entries.Add(new(new ScalarNode(p.Name, ScalarKind.String, null, null), Convert(p.Value)));
                }

                return map;
            case JsonValueKind.Array:
                var seq = new SequenceNode(null, null);
                foreach (var item in e.EnumerateArray())
                {
                    seq.Items.Add(Convert(item));
                }

                return seq;
            case JsonValueKind.String:
                return new ScalarNode(e.GetString()!, ScalarKind.String, null, null);
            case JsonValueKind.Number:
                var raw = e.GetRawText();
                return e.TryGetDecimal(out var d)
                    ? new ScalarNode(raw, ScalarKind.Number, null, null) { Number = d }
                    : new ScalarNode(raw, ScalarKind.String, null, null);
            case JsonValueKind.True:
            case JsonValueKind.False:
                return new ScalarNode(e.GetRawText(), ScalarKind.Boolean, null, null) { Boolean = e.ValueKind == JsonValueKind.True };
            default:
                return new ScalarNode("null", ScalarKind.Null, null, null);
        }
    }
}
