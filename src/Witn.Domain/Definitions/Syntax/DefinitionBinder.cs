using System.Globalization;
using System.Text.RegularExpressions;
using Witn.Domain.Common;

namespace Witn.Domain.Definitions.Syntax;

/// <summary>
/// Turns a syntax tree into an <see cref="OutcomeDefinition"/>, reporting every problem with its path,
/// position and a hint. Returns null when anything was reported.
/// </summary>
internal sealed partial class DefinitionBinder(List<DefinitionError> errors, bool stored = false)
{
    private const int MaxDepth = 32;

    private static readonly string[] TopFields = ["name", "description", "correlate_by", "qualify", "reverse_on", "review_when", "settlement", "expire_after", "attribution", "dimensions", "redact"];
    private static readonly string[] Kinds = ["all", "any", "not", "seen", "count", "distinct", "sum", "sequence"];
    private static readonly string[] SeenOptions = ["where", "after", "before", "within"];
    private static readonly string[] SequenceOptions = ["within"];
    private static readonly string[] CountFields = ["of", "where", "at_least", "at_most", "exactly"];
    private static readonly string[] DistinctFields = ["of", "property", "where", "at_least", "at_most", "exactly"];
    private static readonly string[] SumFields = ["of", "property", "where", "at_least", "at_most"];
    private static readonly string[] SettlementFields = ["window", "grace", "reset_on_event"];

    private readonly int _before = errors.Count;
    private readonly Dictionary<Condition, (string Path, SyntaxNode Node)> _leaves = new(ReferenceEqualityComparer.Instance);
    private int _conditions;

    public OutcomeDefinition? Bind(SyntaxNode root)
    {
        if (root is not MappingNode map)
        {
            Error(string.Empty, root, "a definition must be a mapping of fields", "start with name:, correlate_by:, qualify: and settlement:");
            return null;
        }

        var f = Fields(map, string.Empty, TopFields, "top-level field", "valid top-level fields");
        var name = RequiredString(f, map, string.Empty, "name");
        if (name is not null && !NamePattern().IsMatch(name))
        {
            Error("name", f["name"].Value, $"'{name}' is not a valid name", "use 1 to 64 lowercase letters, digits and underscores, e.g. ticket_resolved");
        }

        var description = f.TryGetValue("description", out var d) ? String("description", d.Value) ?? string.Empty : string.Empty;
        if (description.Length > 2000)
        {
            Error("description", d.Value, "the description is longer than 2000 characters", "keep it to a sentence or two");
        }

        var correlateText = RequiredString(f, map, string.Empty, "correlate_by");
        var correlateBy = correlateText is null ? null : Path("correlate_by", f["correlate_by"].Value, correlateText);
        if (correlateBy?.Text == "$timestamp")
        {
            Error("correlate_by", f["correlate_by"].Value, "$timestamp cannot group events into an outcome", "correlate by a property that names the work item, e.g. ticket_id");
        }

        Condition? qualify = null;
        if (f.TryGetValue("qualify", out var q))
        {
            qualify = Condition("qualify", q.Value, 0);
        }
        else
        {
            Error("qualify", map, "the field 'qualify' is required", "add qualify: with the condition that makes the outcome billable, e.g. seen: ticket.closed");
        }

        var reverseOn = f.TryGetValue("reverse_on", out var r) ? Condition("reverse_on", r.Value, 0) : null;
        var reviewWhen = f.TryGetValue("review_when", out var rw) ? Condition("review_when", rw.Value, 0) : null;
        var settlement = f.TryGetValue("settlement", out var s) ? Settlement(s.Value) : MissingSettlement(map);
        TimeSpan? expireAfter = null;
        if (f.TryGetValue("expire_after", out var e))
        {
            expireAfter = Duration("expire_after", e.Value);
            if (expireAfter == TimeSpan.Zero)
            {
                Error("expire_after", e.Value, "expire_after must be longer than zero", "give the outcome time to qualify, e.g. 30d, or remove expire_after so it never expires");
            }
        }

        var attribution = Attribution.Last;
        if (f.TryGetValue("attribution", out var a))
        {
            switch (String("attribution", a.Value))
            {
                case "first":
                    attribution = Attribution.First;
                    break;
                case "last" or null:
                    break;
                case var other:
                    Error("attribution", a.Value, $"unknown attribution '{other}'", "use first or last");
                    break;
            }
        }

        var dimensions = f.TryGetValue("dimensions", out var dims) ? Dimensions(dims.Value) : [];
        var redact = f.TryGetValue("redact", out var red) ? Redact(red.Value) : [];

        if (correlateBy is not null)
        {
            CheckSatisfiable(correlateBy, qualify, "qualify");
            CheckSatisfiable(correlateBy, reverseOn, "reverse_on");
            CheckSatisfiable(correlateBy, reviewWhen, "review_when");
        }

        if (errors.Count > _before || name is null || correlateBy is null || qualify is null || settlement is null)
        {
            return null;
        }

        return new OutcomeDefinition(name, description, correlateBy, qualify, reverseOn, reviewWhen, settlement, expireAfter, attribution, dimensions, redact);
    }

    private SettlementPolicy? MissingSettlement(MappingNode map)
    {
        Error("settlement", map, "the field 'settlement' is required", "add settlement: { window: 72h } — how long reversal events can still void the outcome");
        return null;
    }

    private SettlementPolicy? Settlement(SyntaxNode node)
    {
        if (node is not MappingNode map)
        {
            Error("settlement", node, "settlement must be a mapping", "write settlement: { window: 72h, grace: 10m }");
            return null;
        }

        var f = Fields(map, "settlement", SettlementFields, "settlement field", "valid settlement fields");
        TimeSpan? window = null;
        if (f.TryGetValue("window", out var w))
        {
            window = Duration("settlement.window", w.Value);
            if (window > SettlementPolicy.MaxWindow)
            {
                Error("settlement.window", w.Value, $"the window {Durations.Format(window.Value)} is longer than the maximum of 180d", "use a window of at most 180d");
                window = null;
            }
        }
        else
        {
            Error("settlement.window", map, "the field 'window' is required", "add window: with a duration such as 72h (use 0s to settle as soon as the outcome qualifies)");
        }

        var grace = TimeSpan.Zero;
        if (f.TryGetValue("grace", out var g) && Duration("settlement.grace", g.Value) is { } graceValue)
        {
            grace = graceValue;
            if (grace > SettlementPolicy.MaxGrace)
            {
                Error("settlement.grace", g.Value, $"the grace {Durations.Format(grace)} is longer than the maximum of 30d", "grace only tolerates late-arriving events; use at most 30d");
            }
        }

        var reset = false;
        if (f.TryGetValue("reset_on_event", out var re))
        {
            if (re.Value is ScalarNode { Kind: ScalarKind.Boolean } b)
            {
                reset = b.Boolean;
            }
            else
            {
                Error("settlement.reset_on_event", re.Value, "reset_on_event must be true or false", "write reset_on_event: true");
            }
        }

        return window is null ? null : new SettlementPolicy(window.Value, grace, reset);
    }

    private ValueArray<PropertyPath> Dimensions(SyntaxNode node)
    {
        if (node is not SequenceNode seq)
        {
            Error("dimensions", node, "dimensions must be a list of property paths", "write dimensions: [region] or dimensions: [lead.segment, region]");
            return [];
        }

        var result = new List<PropertyPath>();
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var path = $"dimensions[{i}]";
            if (String(path, seq.Items[i]) is { } text && Path(path, seq.Items[i], text) is { } p)
            {
                if (result.Contains(p))
                {
                    Error(path, seq.Items[i], $"the dimension '{text}' is listed twice", "list each dimension once");
                }
                else
                {
                    result.Add(p);
                }
            }
        }

        return result.ToValueArray();
    }

    /// <summary>
    /// Paths into event properties (the rule conditions use); envelope fields are not agents' data and say what the
    /// charge is about, so they cannot be hidden.
    /// </summary>
    private ValueArray<PropertyPath> Redact(SyntaxNode node)
    {
        if (node is not SequenceNode seq)
        {
            Error("redact", node, "redact must be a list of property paths", "write redact: [customer.email] or redact: [customer.email, transcript]");
            return [];
        }

        var result = new List<PropertyPath>();
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var path = $"redact[{i}]";
            if (String(path, seq.Items[i]) is not { } text)
            {
                continue;
            }

            if (text.StartsWith('$'))
            {
                Error(path, seq.Items[i], $"'{text}' is an envelope field, which cannot be redacted", "redact event properties, e.g. customer.email; type, time and agent are what the charge is about");
            }
            else if (Path(path, seq.Items[i], text) is { } p)
            {
                if (result.Contains(p))
                {
                    Error(path, seq.Items[i], $"the path '{text}' is listed twice", "list each path once");
                }
                else
                {
                    result.Add(p);
                }
            }
        }

        return result.ToValueArray();
    }

    private Condition? Condition(string path, SyntaxNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            Error(path, node, $"conditions nest deeper than {MaxDepth} levels", "flatten nested all/any lists");
            return null;
        }

        // Reported once, where the limit was passed; stored definitions load under the rules they were published with.
        if (++_conditions > OutcomeDefinitionParser.MaxConditions && !stored)
        {
            if (_conditions == OutcomeDefinitionParser.MaxConditions + 1)
            {
                Error(path, node, $"the definition has more than {OutcomeDefinitionParser.MaxConditions} conditions (the limit on conditions per definition)",
                    "every all, any, not and leaf counts (an alias once per use): combine repeated conditions, or split the outcome into several definitions");
            }

            return null;
        }

        if (node is not MappingNode map)
        {
            Error(path, node, "a condition must be a mapping", "write e.g. seen: ticket.closed, or all: [ ... ]");
            return null;
        }

        var kinds = map.Entries.Where(kv => Kinds.Contains(kv.Key.Text)).ToList();
        if (kinds.Count == 0)
        {
            if (map.Entries.Count == 0)
            {
                Error(path, map, "the condition is empty", "use one of: " + string.Join(", ", Kinds));
            }

            foreach (var kv in map.Entries)
            {
                Error(Join(path, kv.Key.Text), kv.Key, $"unknown condition '{kv.Key.Text}'", DidYouMean(kv.Key.Text, Kinds) + "valid conditions: " + string.Join(", ", Kinds));
            }

            return null;
        }

        if (kinds.Count > 1)
        {
            Error(Join(path, kinds[1].Key.Text), kinds[1].Key, $"a condition has exactly one kind, but '{kinds[0].Key.Text}' and '{kinds[1].Key.Text}' are both given", "combine conditions with all: [ ... ] or any: [ ... ]");
            return null;
        }

        var kind = kinds[0].Key.Text;
        var options = kind switch { "seen" => SeenOptions, "sequence" => SequenceOptions, _ => [] };
        var f = Fields(map, path, [kind, .. options], $"option of {kind}", $"valid keys next to {kind}", kind switch
        {
            "count" or "distinct" or "sum" => $"put where and bounds inside {kind}: {{ of: TYPE, ... }}",
            "all" or "any" or "not" => $"{kind} takes no options; each item is a condition of its own",
            _ => null,
        });
        var value = kinds[0].Value;
        var here = Join(path, kind);
        Condition? result = kind switch
        {
            "all" => List(here, value, depth, items => new AllCondition(items)),
            "any" => List(here, value, depth, items => new AnyCondition(items)),
            "not" => Condition(here, value, depth + 1) is { } inner ? new NotCondition(inner) : null,
            "seen" => Seen(path, value, f),
            "count" => Count(here, value),
            "distinct" => Distinct(here, value),
            "sum" => Sum(here, value),
            _ => Sequence(path, value, f),
        };
        if (result is not null and not AllCondition and not AnyCondition and not NotCondition)
        {
            _leaves[result] = (path, map);
        }

        return result;
    }

    private Condition? List(string path, SyntaxNode node, int depth, Func<ValueArray<Condition>, Condition> build)
    {
        if (node is not SequenceNode seq)
        {
            Error(path, node, "expected a list of conditions", "write the conditions as a list, each item starting with '- '");
            return null;
        }

        if (seq.Items.Count == 0)
        {
            Error(path, node, "the list of conditions is empty", "give at least one condition");
            return null;
        }

        var items = new List<Condition>();
        var ok = true;
        for (var i = 0; i < seq.Items.Count; i++)
        {
            if (Condition($"{path}[{i}]", seq.Items[i], depth + 1) is { } c)
            {
                items.Add(c);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? build(items.ToValueArray()) : null;
    }

    private SeenCondition? Seen(string path, SyntaxNode value, Dictionary<string, (ScalarNode Key, SyntaxNode Value)> f)
    {
        var type = EventType(Join(path, "seen"), value);
        var where = f.TryGetValue("where", out var w) ? Where(Join(path, "where"), w.Value) : [];
        var after = f.TryGetValue("after", out var a) ? EventType(Join(path, "after"), a.Value) : null;
        var before = f.TryGetValue("before", out var b) ? EventType(Join(path, "before"), b.Value) : null;
        var within = f.TryGetValue("within", out var wi) ? Duration(Join(path, "within"), wi.Value) : null;
        return type is null ? null : new SeenCondition(type, where, after, before, within);
    }

    private SequenceCondition? Sequence(string path, SyntaxNode value, Dictionary<string, (ScalarNode Key, SyntaxNode Value)> f)
    {
        var here = Join(path, "sequence");
        var within = f.TryGetValue("within", out var wi) ? Duration(Join(path, "within"), wi.Value) : null;
        if (value is not SequenceNode seq)
        {
            Error(here, value, "a sequence must be a list of event types", "write sequence: [reset.requested, reset.completed]");
            return null;
        }

        if (seq.Items.Count < 2)
        {
            Error(here, value, $"a sequence needs at least two event types, found {seq.Items.Count}", "use seen: TYPE for a single event, or list two or more types");
            return null;
        }

        var types = new List<string>();
        for (var i = 0; i < seq.Items.Count; i++)
        {
            if (EventType($"{here}[{i}]", seq.Items[i]) is { } t)
            {
                types.Add(t);
            }
        }

        return types.Count == seq.Items.Count ? new SequenceCondition(types.ToValueArray(), within) : null;
    }

    private CountCondition? Count(string path, SyntaxNode node)
    {
        if (Body(path, node, CountFields, "count: { of: ci.passed, at_least: 1 }") is not { } f)
        {
            return null;
        }

        var of = Of(path, node, f);
        var where = f.TryGetValue("where", out var w) ? Where(Join(path, "where"), w.Value) : [];
        var threshold = Threshold(path, node, f, integer: true);
        return of is null || threshold is null ? null : new CountCondition(of, threshold, where);
    }

    private DistinctCondition? Distinct(string path, SyntaxNode node)
    {
        if (Body(path, node, DistinctFields, "distinct: { of: agent.action, property: $agent.id, at_least: 2 }") is not { } f)
        {
            return null;
        }

        var of = Of(path, node, f);
        var property = Property(path, node, f);
        var where = f.TryGetValue("where", out var w) ? Where(Join(path, "where"), w.Value) : [];
        var threshold = Threshold(path, node, f, integer: true);
        return of is null || property is null || threshold is null ? null : new DistinctCondition(of, property, threshold, where);
    }

    private SumCondition? Sum(string path, SyntaxNode node)
    {
        if (Body(path, node, SumFields, "sum: { of: deal.line_item, property: amount, at_least: 10000 }") is not { } f)
        {
            return null;
        }

        var of = Of(path, node, f);
        var property = Property(path, node, f);
        var where = f.TryGetValue("where", out var w) ? Where(Join(path, "where"), w.Value) : [];
        var threshold = Threshold(path, node, f, integer: false);
        return of is null || property is null || threshold is null ? null : new SumCondition(of, property, threshold, where);
    }

    private Dictionary<string, (ScalarNode Key, SyntaxNode Value)>? Body(string path, SyntaxNode node, string[] fields, string example)
    {
        if (node is not MappingNode map)
        {
            Error(path, node, "expected a mapping", "write e.g. " + example);
            return null;
        }

        return Fields(map, path, fields, "field", "valid fields");
    }

    private string? Of(string path, SyntaxNode node, Dictionary<string, (ScalarNode Key, SyntaxNode Value)> f)
    {
        if (f.TryGetValue("of", out var of))
        {
            return EventType(Join(path, "of"), of.Value);
        }

        Error(Join(path, "of"), node, "the field 'of' is required", "name the event type to look at, e.g. of: ci.passed");
        return null;
    }

    private PropertyPath? Property(string path, SyntaxNode node, Dictionary<string, (ScalarNode Key, SyntaxNode Value)> f)
    {
        if (f.TryGetValue("property", out var p))
        {
            var here = Join(path, "property");
            return String(here, p.Value) is { } text ? Path(here, p.Value, text) : null;
        }

        Error(Join(path, "property"), node, "the field 'property' is required", "name the property path to read, e.g. property: amount");
        return null;
    }

    private Threshold? Threshold(string path, SyntaxNode node, Dictionary<string, (ScalarNode Key, SyntaxNode Value)> f, bool integer)
    {
        decimal? Bound(string name)
        {
            if (!f.TryGetValue(name, out var kv))
            {
                return null;
            }

            var here = Join(path, name);
            if (kv.Value is not ScalarNode { Kind: ScalarKind.Number } n)
            {
                Error(here, kv.Value, $"{name} must be a number", integer ? $"write a whole number, e.g. {name}: 1" : $"write a decimal number, e.g. {name}: 10000");
                return null;
            }

            if (integer && (n.Number < 0 || decimal.Truncate(n.Number) != n.Number))
            {
                Error(here, kv.Value, $"{name} must be a whole number of at least 0, found {n.Text}", "counts are whole numbers, e.g. 1, 2, 10");
                return null;
            }

            return n.Number;
        }

        var atLeast = Bound("at_least");
        var atMost = Bound("at_most");
        var exactly = Bound("exactly");
        var given = CountFields[2..].Count(f.ContainsKey);
        if (given == 0)
        {
            Error(path, node, "a bound is required", integer ? "add at_least, at_most or exactly" : "add at_least and/or at_most");
            return null;
        }

        if (f.ContainsKey("exactly") && given > 1)
        {
            Error(Join(path, "exactly"), f["exactly"].Key, "exactly cannot be combined with at_least or at_most", "keep exactly alone, or use at_least and at_most for a range");
            return null;
        }

        if (atLeast > atMost)
        {
            Error(Join(path, "at_least"), f["at_least"].Value, $"at_least ({atLeast}) is greater than at_most ({atMost}), so the condition can never hold", "swap the bounds or remove one of them");
            return null;
        }

        return atLeast is null && atMost is null && exactly is null ? null : new Threshold(atLeast, atMost, exactly);
    }

    private ValueArray<PropertyPredicate> Where(string path, SyntaxNode node)
    {
        if (node is not MappingNode map || map.Entries.Count == 0)
        {
            Error(path, node, "where must map property paths to values or operators", "write e.g. where: { resolution: solved, lead.score: { gte: 60 } }");
            return [];
        }

        var result = new List<PropertyPredicate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            var here = $"{path}{Key(key.Text)}";
            if (!seen.Add(key.Text))
            {
                Error(here, key, $"the property '{key.Text}' is given twice", "put all operators for one property in one mapping, e.g. amount: { gte: 10, lt: 100 }");
                continue;
            }

            if (Path(here, key, key.Text) is not { } propertyPath)
            {
                continue;
            }

            switch (value)
            {
                case ScalarNode scalar:
                    if (Operand(here, propertyPath, PredicateOperator.Eq, scalar) is { } literal)
                    {
                        result.Add(new PropertyPredicate(propertyPath, PredicateOperator.Eq, literal));
                    }

                    break;
                case SequenceNode:
                    Error(here, value, "a list needs an operator", $"write {key.Text}: {{ in: [a, b] }} to match any of several values");
                    break;
                case MappingNode ops when ops.Entries.Count == 0:
                    Error(here, value, "no operator given", "valid operators: " + string.Join(", ", OperatorNames.All));
                    break;
                case MappingNode ops:
                    foreach (var (opKey, operand) in ops.Entries)
                    {
                        var opPath = Join(here, opKey.Text);
                        if (!OperatorNames.TryParse(opKey.Text, out var op))
                        {
                            Error(opPath, opKey, $"unknown operator '{opKey.Text}'", DidYouMean(opKey.Text, OperatorNames.All) + "valid operators: " + string.Join(", ", OperatorNames.All));
                        }
                        else if (result.Any(p => p.Path == propertyPath && p.Operator == op))
                        {
                            Error(opPath, opKey, $"the operator '{opKey.Text}' is given twice", "give each operator once");
                        }
                        else if (Operand(opPath, propertyPath, op, operand) is { } opLiteral)
                        {
                            result.Add(new PropertyPredicate(propertyPath, op, opLiteral));
                        }
                    }

                    break;
            }
        }

        return result.ToValueArray();
    }

    private Literal? Operand(string path, PropertyPath property, PredicateOperator op, SyntaxNode node)
    {
        var name = OperatorNames.Name(op);
        switch (op)
        {
            case PredicateOperator.In or PredicateOperator.NotIn:
                if (node is not SequenceNode { Items.Count: > 0 } list || list.Items.Any(i => i is not ScalarNode))
                {
                    Error(path, node, $"{name} needs a non-empty list of values", $"write {name}: [a, b]");
                    return null;
                }

                var items = list.Items.Select((item, i) => Coerce($"{path}[{i}]", property, (ScalarNode)item)).ToList();
                return items.Any(i => i is null) ? null : Literal.List(items!);
            case PredicateOperator.Exists:
                if (node is ScalarNode { Kind: ScalarKind.Boolean } b)
                {
                    return Literal.Of(b.Boolean);
                }

                Error(path, node, "exists must be true or false", "write exists: true");
                return null;
        }

        if (node is not ScalarNode scalar)
        {
            Error(path, node, $"{name} needs a single value", op == PredicateOperator.Eq ? "use in: [a, b] to match any of several values" : $"write {name}: VALUE");
            return null;
        }

        switch (op)
        {
            case PredicateOperator.Gt or PredicateOperator.Gte or PredicateOperator.Lt or PredicateOperator.Lte
                when scalar.Kind is ScalarKind.Null or ScalarKind.Boolean:
                Error(path, node, $"{name} compares numbers, strings or timestamps, not {scalar.Kind.ToString().ToLowerInvariant()}", $"write e.g. {name}: 60");
                return null;
            case PredicateOperator.Matches:
                if (scalar.Kind != ScalarKind.String)
                {
                    Error(path, node, "matches needs a regular expression string", "write e.g. matches: '^INC-[0-9]+$'");
                    return null;
                }

                try
                {
                    _ = new Regex(scalar.Text, OperatorNames.RegexOptions);
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException)
                {
                    Error(path, node, "invalid regular expression: " + e.Message, "matches uses .NET regular expressions without backreferences or lookarounds");
                    return null;
                }

                return Literal.Of(scalar.Text);
            case PredicateOperator.Contains when scalar.Kind == ScalarKind.Null:
                Error(path, node, "contains needs a value", "write e.g. contains: urgent");
                return null;
        }

        return Coerce(path, property, scalar);
    }

    /// <summary>Envelope fields have fixed types, so literals are read as those types (<c>$agent.version: 3.1</c> means the string "3.1").</summary>
    private Literal? Coerce(string path, PropertyPath property, ScalarNode scalar)
    {
        if (scalar.Kind == ScalarKind.Null)
        {
            return Literal.Null;
        }

        switch (property.Text)
        {
            case "$type" or "$agent.id" or "$agent.version":
                return Literal.Of(scalar.Text);
            case "$timestamp":
                // The rule ingestion reads timestamps by: an offset is required, microseconds are kept.
                if (Instants.TryParse(scalar.Text.AsSpan(), out var ts) is var parsed && parsed == InstantParse.Valid)
                {
                    return Literal.Of(ts.ToString("O", CultureInfo.InvariantCulture));
                }

                var (message, hint) = Instants.Explain("$timestamp", scalar.Text, parsed);
                Error(path, scalar, message, hint);
                return null;
        }

        return scalar.Kind switch
        {
            ScalarKind.Boolean => Literal.Of(scalar.Boolean),
            ScalarKind.Number => Literal.Of(scalar.Number),
            _ => Literal.Of(scalar.Text),
        };
    }

    private PropertyPath? Path(string path, SyntaxNode node, string text)
    {
        if (text.StartsWith('$'))
        {
            if (PropertyPath.EnvelopeFields.Contains(text))
            {
                return new PropertyPath(text);
            }

            Error(path, node, $"unknown envelope field '{text}'", DidYouMean(text, [.. PropertyPath.EnvelopeFields]) + "envelope fields are " + string.Join(", ", PropertyPath.EnvelopeFields) + "; paths without $ read event properties");
            return null;
        }

        if (text.Length == 0 || text.Split('.').Any(s => s.Length == 0 || s.Any(char.IsWhiteSpace)))
        {
            Error(path, node, $"'{text}' is not a property path", "write dot-separated property names without spaces, e.g. lead.score");
            return null;
        }

        return new PropertyPath(text);
    }

    private string? EventType(string path, SyntaxNode node)
    {
        if (node is ScalarNode { Kind: not ScalarKind.Null } s && (stored ? Events.EventTypes.IsValidStored(s.Text) : Events.EventTypes.IsValid(s.Text)))
        {
            return s.Text;
        }

        Error(path, node, "expected an event type", Events.EventTypes.Hint((node as ScalarNode)?.Text));
        return null;
    }

    private TimeSpan? Duration(string path, SyntaxNode node)
    {
        if (node is not ScalarNode s || s.Kind == ScalarKind.Null)
        {
            Error(path, node, "expected a duration", Durations.Hint);
            return null;
        }

        if (s.Text.StartsWith('-'))
        {
            Error(path, node, $"negative durations are not allowed, found {s.Text}", "durations count forward from an event; " + Durations.Hint);
            return null;
        }

        if (!Durations.TryParse(s.Text, out var value))
        {
            Error(path, node, $"'{s.Text}' is not a duration", Durations.Hint);
            return null;
        }

        return value;
    }

    private string? String(string path, SyntaxNode node)
    {
        if (node is ScalarNode { Kind: not ScalarKind.Null } s)
        {
            return s.Text;
        }

        Error(path, node, "expected a text value", "write a single value on the same line, e.g. name: ticket_resolved");
        return null;
    }

    private string? RequiredString(Dictionary<string, (ScalarNode Key, SyntaxNode Value)> f, MappingNode map, string path, string field)
    {
        if (f.TryGetValue(field, out var kv))
        {
            return String(Join(path, field), kv.Value);
        }

        var hint = field switch
        {
            "name" => "add name: with lowercase letters, digits and underscores, e.g. name: ticket_resolved",
            "correlate_by" => "add correlate_by: with the property that identifies one outcome, e.g. correlate_by: ticket_id",
            _ => $"add {field}:",
        };
        Error(Join(path, field), map, $"the field '{field}' is required", hint);
        return null;
    }

    private Dictionary<string, (ScalarNode Key, SyntaxNode Value)> Fields(MappingNode map, string path, string[] allowed, string what, string valid, string? extraHint = null)
    {
        var result = new Dictionary<string, (ScalarNode Key, SyntaxNode Value)>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (!allowed.Contains(key.Text))
            {
                var hint = DidYouMean(key.Text, allowed) + (extraHint is null ? string.Empty : extraHint + "; ")
                    + (allowed.Length == 1 ? "no other keys are allowed here" : $"{valid}: " + string.Join(", ", allowed));
                Error(Join(path, key.Text), key, $"unknown {what} '{key.Text}'", hint);
            }
            else if (!result.TryAdd(key.Text, (key, value)))
            {
                Error(Join(path, key.Text), key, $"the field '{key.Text}' is given twice", "remove one of them");
            }
        }

        return result;
    }

    private void CheckSatisfiable(PropertyPath correlateBy, Condition? condition, string tree)
    {
        switch (condition)
        {
            case AllCondition all:
                foreach (var c in all.Conditions)
                {
                    CheckSatisfiable(correlateBy, c, tree);
                }

                return;
            case AnyCondition any:
                foreach (var c in any.Conditions)
                {
                    CheckSatisfiable(correlateBy, c, tree);
                }

                return;
            case NotCondition not:
                CheckSatisfiable(correlateBy, not.Condition, tree);
                return;
            case null:
                return;
        }

        var (type, where) = condition switch
        {
            SeenCondition s => (s.Type, s.Where),
            CountCondition c => (c.Of, c.Where),
            DistinctCondition d => (d.Of, d.Where),
            SumCondition s => (s.Of, s.Where),
            _ => (string.Empty, default(ValueArray<PropertyPredicate>)),
        };
        if (Unsatisfiable(correlateBy, type, where) is { } reason && _leaves.TryGetValue(condition, out var at))
        {
            var subject = tree == "reverse_on" ? "reverse_on can never match" : "this condition can never match";
            Error(at.Path, at.Node, $"{subject}: {reason}", "fix the type or the where clause, or remove the condition");
        }
    }

    private static string? Unsatisfiable(PropertyPath correlateBy, string type, ValueArray<PropertyPredicate> where)
    {
        foreach (var p in where)
        {
            if (p.Path.Text == "$type")
            {
                var contradicts = p.Operator switch
                {
                    PredicateOperator.Eq => p.Operand.Text != type,
                    PredicateOperator.Ne => p.Operand.Text == type,
                    PredicateOperator.In => p.Operand.Items.All(i => i.Text != type),
                    PredicateOperator.NotIn => p.Operand.Items.Any(i => i.Text == type),
                    _ => false,
                };
                if (contradicts)
                {
                    return $"it looks at '{type}' events but its where clause excludes $type '{type}'";
                }
            }

            if (p.Path == correlateBy
                && ((p.Operator == PredicateOperator.Exists && !p.Operand.Boolean)
                    || (p.Operator == PredicateOperator.Eq && p.Operand.Kind == LiteralKind.Null)))
            {
                return $"it requires '{type}' events without '{correlateBy.Text}', and such events are never routed to this outcome (correlate_by: {correlateBy.Text})";
            }
        }

        foreach (var group in where.GroupBy(p => p.Path))
        {
            var eqs = group.Where(p => p.Operator == PredicateOperator.Eq).Select(p => p.Operand).Distinct().Count();
            var absent = group.Any(p => p.Operator == PredicateOperator.Exists && !p.Operand.Boolean);
            var needsValue = group.Any(p => p.Operator is not (PredicateOperator.Exists or PredicateOperator.Ne or PredicateOperator.NotIn));
            if (eqs > 1 || (absent && needsValue))
            {
                return $"its where clause on '{group.Key.Text}' contradicts itself";
            }
        }

        return null;
    }

    private void Error(string path, SyntaxNode? node, string message, string hint) =>
        errors.Add(new DefinitionError(path, node?.Line, node?.Column, message, hint));

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static string Key(string key) => key.Contains('.', StringComparison.Ordinal) || key.StartsWith('$') ? $"[\"{key}\"]" : "." + key;

    private static string DidYouMean(string text, IReadOnlyCollection<string> candidates) => Suggestions.DidYouMean(text, candidates);

    [GeneratedRegex("^[a-z0-9_]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
