using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Witn.Domain.Definitions.Syntax;

/// <summary>Reads YAML through the event parser, keeping positions and resolving plain scalars by the YAML 1.2 core schema.</summary>
internal static partial class YamlSyntaxReader
{
    public static SyntaxNode? Read(string text, SyntaxBudget budget, List<DefinitionError> errors)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                errors.Add(new DefinitionError(string.Empty, 1, 1, "the definition is empty", "start with name:, correlate_by:, qualify: and settlement:"));
                return null;
            }

            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, SyntaxNode>(StringComparer.Ordinal);
            var root = ReadNode(parser, anchors, budget, 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
            {
                errors.Add(new DefinitionError(string.Empty, (int)next.Start.Line, (int)next.Start.Column, "the text holds more than one YAML document", "publish one definition per request; remove the extra '---'"));
                return null;
            }

            return root;
        }
        catch (BudgetException e)
        {
            errors.Add(new DefinitionError(string.Empty, (int)e.Start.Line, (int)e.Start.Column, SyntaxBudget.Message, SyntaxBudget.Hint));
            return null;
        }
        catch (NulException e)
        {
            errors.Add(new DefinitionError(string.Empty, (int)e.Start.Line, (int)e.Start.Column, Tidy(e.Message),
                "remove the escaped NUL character (\\0, \\x00 or \\u0000); PostgreSQL cannot store it"));
            return null;
        }
        catch (YamlException e)
        {
            errors.Add(new DefinitionError(string.Empty, (int)e.Start.Line, (int)e.Start.Column, "invalid YAML: " + Tidy(e.Message), "check indentation and quoting at this position"));
            return null;
        }
    }

    private static string Tidy(string message)
    {
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && close > 0 ? message[(close + 3)..] : message;
    }

    private static SyntaxNode ReadNode(IParser parser, Dictionary<string, SyntaxNode> anchors, SyntaxBudget budget, int depth)
    {
        if (depth > DocumentLimits.MaxDepth)
        {
            throw new YamlException(parser.Current!.Start, parser.Current.End, $"the document nests deeper than {DocumentLimits.MaxDepth} levels");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            // The alias shares its target's node, but everything downstream walks it once per use: charge it in full.
            return !anchors.TryGetValue(alias.Value.Value, out var target)
                ? throw new YamlException(alias.Start, alias.End, $"unknown alias *{alias.Value.Value}")
                : budget.TryAdd(target.Size) ? target : throw new BudgetException(alias.Start, alias.End);
        }

        var start = parser.Current!;
        if (!budget.TryAdd(1))
        {
            throw new BudgetException(start.Start, start.End);
        }

        var usedBefore = budget.Used;

        SyntaxNode node;
        string? anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            node = Scalar(scalar);
        }
        else if (parser.TryConsume<MappingStart>(out var mapStart))
        {
            anchor = mapStart.Anchor.IsEmpty ? null : mapStart.Anchor.Value;
            var map = new MappingNode((int)mapStart.Start.Line, (int)mapStart.Start.Column);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyStart = parser.Current!.Start;
                var key = ReadNode(parser, anchors, budget, depth + 1);
                var value = ReadNode(parser, anchors, budget, depth + 1);
                var keyScalar = key as ScalarNode ?? new ScalarNode("<complex key>", ScalarKind.String, (int)keyStart.Line, (int)keyStart.Column);
                map.Entries.Add(new(keyScalar, value));
            }

            node = map;
        }
        else if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            anchor = seqStart.Anchor.IsEmpty ? null : seqStart.Anchor.Value;
            var seq = new SequenceNode((int)seqStart.Start.Line, (int)seqStart.Start.Column);
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                seq.Items.Add(ReadNode(parser, anchors, budget, depth + 1));
            }

            node = seq;
        }
        else
        {
            var current = parser.Current!;
            throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }

        node.Size = 1 + budget.Used - usedBefore;
        if (anchor is not null)
        {
            anchors[anchor] = node;
        }

        return node;
    }

    private static ScalarNode Scalar(Scalar s)
    {
        // A raw NUL is refused with the request body; an escaped one ("\0") only shows once the scalar is read.
        if (s.Value.Contains('\0', StringComparison.Ordinal))
        {
            throw new NulException(s.Start, s.End);
        }

        int line = (int)s.Start.Line, column = (int)s.Start.Column;
        var tag = s.Tag.IsEmpty ? null : s.Tag.Value;
        if (s.Style != ScalarStyle.Plain || tag is "tag:yaml.org,2002:str" or "!!str" || (tag is not null && tag != "?"))
        {
            return new ScalarNode(s.Value, ScalarKind.String, line, column);
        }

        var v = s.Value;
        if (v is "" or "~" or "null" or "Null" or "NULL")
        {
            return new ScalarNode(v, ScalarKind.Null, line, column);
        }

        if (v is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return new ScalarNode(v, ScalarKind.Boolean, line, column) { Boolean = v[0] is 't' or 'T' };
        }

        if (NumberPattern().IsMatch(v)
            && decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new ScalarNode(v, ScalarKind.Number, line, column) { Number = number };
        }

        return new ScalarNode(v, ScalarKind.String, line, column);
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    private sealed class BudgetException(Mark start, Mark end) : YamlException(start, end, SyntaxBudget.Message);

    private sealed class NulException(Mark start, Mark end) : YamlException(start, end, "a scalar holds a NUL character (U+0000)");
}
