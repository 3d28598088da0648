using System.Globalization;
using System.Text.Json;
using Orleans.Concurrency;
using Witn.Abstractions.Outcomes;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;

namespace Witn.Grains.Outcomes;

/// <summary>
/// Evaluates like the engine will: an event goes to the outcome named by its correlation value, events of
/// other types or without that value go nowhere, and each outcome is folded on its own. Stores nothing.
/// A definition by name comes from this silo's catalog; a specific older version, or one this silo has not
/// heard of yet, from the definition grain.
/// </summary>
[StatelessWorker]
public sealed class OutcomeEvaluatorGrain(IDefinitionCatalog catalog) : Grain, IOutcomeEvaluatorGrain
{
    public async Task<EvaluationReply> EvaluateAsync(EvaluationRequest request)
    {
        var (definition, name, version, missing) = await ResolveAsync(request);
        if (definition is null)
        {
            return EvaluationReply.Missing(missing!);
        }

        var routing = new List<EventRouting>(request.Events.Length);
        var outcomes = new SortedDictionary<string, List<OutcomeEvent>>(StringComparer.Ordinal);
        var seen = new HashSet<Guid>();
        foreach (var e in request.Events)
        {
            var domainEvent = OutcomeEvent.Create(e.EventId, EvaluationRequest.Tenant, e.Type, e.Timestamp, e.PropertiesJson, e.IdempotencyKey,
                e.AgentId is null ? null : new AgentRef(e.AgentId, e.AgentVersion), e.TraceId, e.SpanId);
            var correlation = definition.CorrelationOf(domainEvent);
            if (!seen.Add(e.EventId))
            {
                routing.Add(new EventRouting(e.EventId, null, "duplicate"));
            }
            else if (!definition.Listens(e.Type))
            {
                routing.Add(new EventRouting(e.EventId, null, "not_listened"));
            }
            else if (correlation is null)
            {
                routing.Add(new EventRouting(e.EventId, null, "no_correlation_value"));
            }
            else
            {
                routing.Add(new EventRouting(e.EventId, correlation, null));
                if (!outcomes.TryGetValue(correlation, out var events))
                {
                    outcomes[correlation] = events = [];
                }

                events.Add(domainEvent);
            }
        }

        // Checked before any folding: the work (and the answer, which explains every condition) grows with both.
        var routed = outcomes.Values.Sum(o => (long)o.Count);
        var conditions = definition.Definition.ConditionCount;
        if (routed * conditions > EvaluationLimits.MaxWork)
        {
            return EvaluationReply.TooMuchWork(string.Create(CultureInfo.InvariantCulture,
                $"{routed:N0} routed events × {conditions:N0} conditions is {routed * conditions:N0}, more than the {EvaluationLimits.MaxWork:N0} an evaluation may take"));
        }

        var now = request.Now ?? (request.Events.Length == 0 ? null : request.Events.Max(e => e.Timestamp));
        var evaluated = now is not { } at
            ? []
            : outcomes.Select(o =>
            {
                var reviews = request.Reviews
                    .Where(r => r.CorrelationValue is null || string.Equals(r.CorrelationValue, o.Key, StringComparison.Ordinal))
                    .Select(r => new ReviewDecision(r.Verdict, r.DecidedAt, r.DecidedBy, r.Note));
                var state = OutcomeEvaluator.Evaluate(definition, o.Value, at, reviews);
                return new EvaluatedOutcome(o.Key, JsonSerializer.Serialize(state));
            }).ToArray();

        return new EvaluationReply(null, name, version, definition.ContentHash, definition.Definition.CorrelateBy.Text,
            [.. definition.ListenedTypes], now, evaluated, [.. routing]);
    }

    private async Task<(CompiledDefinition? Definition, string Name, int? Version, string? Missing)> ResolveAsync(EvaluationRequest request)
    {
        if (request.Definition is { } source)
        {
            // Inline definitions are not cached: anyone with a read key can send any number of them.
            var parsed = OutcomeDefinition.Parse(source.Text, source.Format);
            return parsed.IsValid
                ? (CompiledDefinition.Compile(parsed.Definition), parsed.Definition.Name, null, null)
                : throw new ArgumentException($"the definition is invalid: {string.Join("; ", parsed.Errors)}", nameof(request));
        }

        var name = request.Name ?? throw new ArgumentException("a definition or a name is required", nameof(request));
        if (catalog.Current.Find(name) is { } entry && (request.Version is null || request.Version == entry.Version))
        {
            return (entry.Definition, name, entry.Version, null);
        }

        var grain = GrainFactory.GetGrain<IOutcomeDefinitionGrain>(name);
        if (request.Version is { } wanted)
        {
            if (await grain.GetVersionAsync(wanted) is { } v)
            {
                return (catalog.Compile(v.ContentHash, v.CanonicalJson), name, v.Version, null);
            }

            return (null, name, wanted, await grain.GetAsync() is { } known
                ? $"the outcome definition '{name}' has no version {wanted}; its latest version is {known.Latest.Version}"
                : $"no outcome definition is named '{name}'");
        }

        return await grain.GetAsync() is { } latest
            ? (catalog.Compile(latest.Latest.ContentHash, latest.Latest.CanonicalJson), name, latest.Latest.Version, null)
            : (null, name, null, $"no outcome definition is named '{name}'");
    }
}
