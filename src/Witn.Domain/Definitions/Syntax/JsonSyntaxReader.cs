using System.Globalization;
using System.Text.Json;

namespace Witn.Domain.Definitions.Syntax;

/// <summary>Reads JSON (comments and trailing commas tolerated); positions are reported for syntax errors only.</summary>
internal static class JsonSyntaxReader
{
    private const string SurrogateHint = "remove the escape, or pair a high surrogate (\\uD800-\\uDBFF) with a low one (\\uDC00-\\uDFFF)";

    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = DocumentLimits.MaxDepth,
    };

    public static SyntaxNode? Read(string text, SyntaxBudget budget, List<DefinitionError> errors)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            var before = errors.Count;
            var root = Convert(document.RootElement, string.Empty, budget, errors);
            return errors.Count > before ? null : root;
        }
        catch (JsonException e)
        {
            int? line = e.LineNumber is { } l ? (int)l + 1 : null;
            int? column = e.BytePositionInLine is { } c ? (int)c + 1 : null;
            errors.Add(new DefinitionError(string.Empty, line, column, "invalid JSON: " + e.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0], "check quoting, commas and brackets at this position"));
            return null;
        }
    }

    // Null once an error is reported (the budget spent, a string that is no text); the caller then stops.
    private static SyntaxNode? Convert(JsonElement e, string path, SyntaxBudget budget, List<DefinitionError> errors)
    {
        if (!budget.TryAdd(1))
        {
            errors.Add(new DefinitionError(path, null, null, SyntaxBudget.Message, SyntaxBudget.Hint));
            return null;
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new MappingNode(null, null);
                foreach (var p in e.EnumerateObject())
                {
                    if (Text(() => p.Name, path, errors) is not { } name)
                    {
                        return null;
                    }

                    var here = path.Length == 0 ? name : path + "." + name;
                    if (!budget.TryAdd(1))
                    {
                        errors.Add(new DefinitionError(here, null, null, SyntaxBudget.Message, SyntaxBudget.Hint));
                        return null;
                    }

                    if (Convert(p.Value, here, budget, errors) is not { } value)
                    {
                        return null;
                    }

                    map.Entries.Add(new(new ScalarNode(name, ScalarKind.String, null, null), value));
                }

                return map;
            case JsonValueKind.Array:
                var seq = new SequenceNode(null, null);
                foreach (var item in e.EnumerateArray())
                {
                    if (Convert(item, path + "[" + seq.Items.Count.ToString(CultureInfo.InvariantCulture) + "]", budget, errors) is not { } value)
                    {
                        return null;
                    }

                    seq.Items.Add(value);
                }

                return seq;
            case JsonValueKind.String:
                return Text(() => e.GetString()!, path, errors) is { } s ? new ScalarNode(s, ScalarKind.String, null, null) : null;
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

    // A lone surrogate escape ("\ud800") is valid JSON syntax but no character: it has no UTF-8 form, so it can be
    // neither stored nor hashed, and System.Text.Json throws when it is decoded (YAML refuses it as it scans).
    private static string? Text(Func<string> read, string path, List<DefinitionError> errors)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            errors.Add(new DefinitionError(path, null, null, $"{(path.Length == 0 ? "the document" : path)} holds an unpaired surrogate escape (\\uD800-\\uDFFF), which is no character", SurrogateHint));
            return null;
        }
    }
}
