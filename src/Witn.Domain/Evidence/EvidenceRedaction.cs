using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Witn.Domain.Common;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Ingestion;

namespace Witn.Domain.Evidence;

/// <summary>
/// The customer's view of an evidence bundle (docs/evidence.md, "Customer view"). Pure; the stored bundle is not
/// touched. Each redact path is looked up in every event's properties the way conditions read paths (object members,
/// segment by segment); a value found there (JSON null included) is replaced by the string <see cref="Marker"/> and its
/// hash recorded. The value's text is then scrubbed from everything else in the bundle an agent's data can reach: other
/// property values, the correlation, dimensions, summaries, condition summaries, transitions, the review, agents and
/// trace ids. Scrubbing prefers hiding too much: every occurrence of a redacted string or number (and
/// <c>path = value</c> as summaries quote it, which also covers booleans and null) becomes <see cref="Marker"/>.
/// Not scrubbed: property names, event types, ids, instants, the definition's source (the contract, written by the
/// vendor) and the decimals the charge is priced by (value, measured).
/// </summary>
public static class EvidenceRedaction
{
    /// <summary>What the customer sees in place of a redacted value.</summary>
    public const string Marker = "redacted";

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = EnvelopeLimits.MaxJsonDepth + 1 };

    /// <summary>Lowercase hex SHA-256 of the UTF-8 bytes of <paramref name="json"/>'s canonical JSON text (docs/events.md).</summary>
    public static string Hash(string json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson.Canonicalize(json))));

    /// <summary>The bundle as the customer sees it under <paramref name="redact"/> (the paths of the definition version that made it).</summary>
    public static CustomerEvidence CustomerView(EvidenceBundle bundle, IEnumerable<PropertyPath> redact)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        // Shorter paths first: once customer is hidden, customer.email finds nothing left to hide.
        var paths = redact.Where(p => !p.IsEnvelope).Distinct()
            .OrderBy(p => p.Text.Count(c => c == '.')).ThenBy(p => p.Text, StringComparer.Ordinal).ToList();
        if (paths.Count == 0)
        {
            return new CustomerEvidence(bundle, []);
        }

        var redactions = new List<Redaction>();
        var scrubber = new Scrubber();
        var trees = new JsonNode?[bundle.Events.Count];
        for (var i = 0; i < bundle.Events.Count; i++)
        {
            var e = bundle.Events[i];
            var root = JsonNode.Parse(e.PropertiesJson, NodeOptions, DocumentOptions);
            foreach (var path in paths)
            {
                if (Find(root, path.Text.Split('.')) is not { } found)
                {
                    continue;
                }

                var (parent, name, value) = found;
                redactions.Add(new Redaction($"events[{i}].properties.{path.Text}", e.EventId, path.Text, Hash(value?.ToJsonString() ?? "null")));
                scrubber.Add(path.Text, value);
                parent[name] = Marker;
                trees[i] = root;
            }
        }

        if (redactions.Count == 0)
        {
            return new CustomerEvidence(bundle, []);
        }

        var events = new List<EvidenceEvent>(bundle.Events.Count);
        for (var i = 0; i < bundle.Events.Count; i++)
        {
            var e = bundle.Events[i];
            var root = trees[i] ?? JsonNode.Parse(e.PropertiesJson, NodeOptions, DocumentOptions);
            var changed = trees[i] is not null | scrubber.ScrubTree(root);
            events.Add(e with
            {
                PropertiesJson = changed ? CanonicalJson.Canonicalize(root?.ToJsonString() ?? "{}") : e.PropertiesJson,
                Agent = e.Agent is { } agent ? new Events.AgentRef(scrubber.Scrub(agent.Id)!, scrubber.Scrub(agent.Version)) : null,
                TraceId = scrubber.Scrub(e.TraceId),
                SpanId = scrubber.Scrub(e.SpanId),
            });
        }

        var dimensions = new List<DimensionValue>(bundle.Dimensions.Count);
        for (var i = 0; i < bundle.Dimensions.Count; i++)
        {
            var d = bundle.Dimensions[i];
            if (d.Value is not null && paths.Any(p => Overlaps(p.Text, d.Path)))
            {
                redactions.Add(new Redaction($"dimensions[{i}].value", null, d.Path, Hash(JsonSerializer.Serialize(d.Value))));
                dimensions.Add(d with { Value = Marker });
            }
            else
            {
                dimensions.Add(d with { Value = scrubber.Scrub(d.Value) });
            }
        }

        var correlation = bundle.Correlation;
        if (scrubber.IsWhole(correlation))
        {
            redactions.Add(new Redaction("correlation", null, "correlation", Hash(JsonSerializer.Serialize(correlation))));
            correlation = Marker;
        }
        else
        {
            correlation = scrubber.Scrub(correlation)!;
        }

        var view = bundle with
        {
            Correlation = correlation,
            Dimensions = dimensions.ToValueArray(),
            AttributedAgent = bundle.AttributedAgent is { } a ? new Events.AgentRef(scrubber.Scrub(a.Id)!, scrubber.Scrub(a.Version)) : null,
            Review = bundle.Review is { } r ? r with { DecidedBy = scrubber.Scrub(r.DecidedBy), Note = scrubber.Scrub(r.Note) } : null,
            Summary = scrubber.Scrub(bundle.Summary)!,
            CreditSummary = scrubber.Scrub(bundle.CreditSummary),
            Transitions = bundle.Transitions.Select(t => t with { Reason = scrubber.Scrub(t.Reason), By = scrubber.Scrub(t.By) }).ToValueArray(),
            Events = events.ToValueArray(),
            Explanation = new OutcomeExplanation(
                Scrub(bundle.Explanation.Qualify, scrubber)!,
                Scrub(bundle.Explanation.ReviewWhen, scrubber),
                Scrub(bundle.Explanation.ReverseOn, scrubber)),
        };
        return new CustomerEvidence(view, redactions.ToValueArray());
    }

    /// <summary>A dimension is hidden when it reads the redacted value, a part of it, or an object that holds it.</summary>
    private static bool Overlaps(string redacted, string dimension) =>
        redacted == dimension
        || dimension.StartsWith(redacted + ".", StringComparison.Ordinal)
        || redacted.StartsWith(dimension + ".", StringComparison.Ordinal);

    private static (JsonObject Parent, string Name, JsonNode? Value)? Find(JsonNode? root, string[] segments)
    {
        var node = root;
        for (var s = 0; s < segments.Length; s++)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segments[s], out var child))
            {
                return null;
            }

            if (s == segments.Length - 1)
            {
                return (obj, segments[s], child);
            }

            node = child;
        }

        return null;
    }

    /// <summary>The value's text as summaries quote it (canonical JSON, as the stored properties hold it).</summary>
    private static string Canonical(JsonNode node) => CanonicalJson.Canonicalize(node.ToJsonString());

    private static ExplanationNode? Scrub(ExplanationNode? node, Scrubber scrubber) => node is null
        ? null
        : node with
        {
            Summary = scrubber.Scrub(node.Summary)!,
            Children = node.Children.Select(c => Scrub(c, scrubber)!).ToValueArray(),
        };

    /// <summary>
    /// Finds every occurrence of the redacted texts at once and replaces each stretch they cover with the marker, so a
    /// replacement never creates a new match and overlapping values are hidden together.
    /// </summary>
    private sealed class Scrubber
    {
        // Needle, and how much of its start to keep (the "path = " of a quoted value).
        private readonly HashSet<(string Needle, int Keep)> _needles = [];
        private readonly HashSet<string> _wholes = new(StringComparer.Ordinal);

        /// <summary>True when <paramref name="text"/> is exactly one redacted string or number.</summary>
        public bool IsWhole(string text) => _wholes.Contains(text);

        public string? Scrub(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            var covered = new bool[text.Length];
            var any = false;
            foreach (var (needle, keep) in _needles)
            {
                for (var at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = text.IndexOf(needle, at + 1, StringComparison.Ordinal))
                {
                    for (var c = at + keep; c < at + needle.Length; c++)
                    {
                        covered[c] = true;
                    }

                    any = true;
                }
            }

            if (!any)
            {
                return text;
            }

            var result = new StringBuilder(text.Length);
            for (var c = 0; c < text.Length; c++)
            {
                if (!covered[c])
                {
                    result.Append(text[c]);
                }
                else if (c == 0 || !covered[c - 1])
                {
                    result.Append(Marker);
                }
            }

            return result.ToString();
        }

        /// <summary>Scrubs string and number values in place (a number that held a redacted text becomes the marker); true when anything changed.</summary>
        public bool ScrubTree(JsonNode? node)
        {
            var changed = false;
            switch (node)
            {
                case JsonObject obj:
                    foreach (var name in obj.Select(kv => kv.Key).ToList())
                    {
                        changed |= ScrubChild(obj[name], v => obj[name] = v);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        var index = i;
                        changed |= ScrubChild(array[i], v => array[index] = v);
                    }

                    break;
            }

            return changed;
        }

        private bool ScrubChild(JsonNode? child, Action<JsonNode?> replace)
        {
            if (child is JsonValue value)
            {
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        var text = value.GetValue<string>();
                        if (text == Marker)
                        {
                            return false;
                        }

                        var scrubbed = Scrub(text);
                        if (!ReferenceEquals(text, scrubbed))
                        {
                            replace(scrubbed);
                            return true;
                        }

                        return false;
                    case JsonValueKind.Number:
                        var number = value.ToJsonString();
                        if (!ReferenceEquals(number, Scrub(number)))
                        {
                            replace(Marker);
                            return true;
                        }

                        return false;
                    default:
                        return false;
                }
            }

            return ScrubTree(child);
        }

        public void Add(string path, JsonNode? value)
        {
            switch (value)
            {
                case JsonObject obj:
                    _needles.Add(($"{path} = {Canonical(obj)}", path.Length + 3));
                    foreach (var (name, child) in obj)
                    {
                        Add(path + "." + name, child);
                    }

                    break;
                case JsonArray array:
                    _needles.Add(($"{path} = {Canonical(array)}", path.Length + 3));
                    foreach (var item in array)
                    {
                        // Items have no path a summary could quote; their text is scrubbed wherever it appears.
                        Add(path + "[]", item);
                    }

                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    var text = v.GetValue<string>();
                    if (text.Length > 0)
                    {
                        _needles.Add((text, 0));
                        _wholes.Add(text);
                    }

                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                    var number = Canonical(v);
                    _needles.Add((number, 0));
                    _wholes.Add(number);
                    break;
                case JsonValue v:
                    _needles.Add(($"{path} = {Canonical(v)}", path.Length + 3));
                    break;
                case null:
                    _needles.Add(($"{path} = null", path.Length + 3));
                    break;
            }
        }
    }
}
