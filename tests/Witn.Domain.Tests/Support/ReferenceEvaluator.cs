using System.Text.Json;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;

namespace Witn.Domain.Tests.Support;

/// <summary>
/// The semantics of docs/outcome-language.md written the slow, obvious way: every condition is recomputed
/// from scratch over a prefix of the sorted events with LINQ; no accumulators, no incremental state.
/// Supports the where operators the random trees use (eq, gte, exists on properties and $agent.id).
/// </summary>
internal static class ReferenceEvaluator
{
    public sealed record Result(OutcomeStatus Status, DateTimeOffset? QualifiedAt, DateTimeOffset? SettlesAt, bool QualifyHeld);

    public static Result Evaluate(OutcomeDefinition d, IEnumerable<OutcomeEvent> input, DateTimeOffset now, IReadOnlyList<ReviewDecision> reviews)
    {
        var types = d.ListenedTypes;
        var events = input.Where(e => types.Contains(e.Type)).DistinctBy(e => e.EventId)
            .OrderBy(e => e.Timestamp.UtcTicks).ThenBy(e => e.EventId.ToString("D")).ToList();
        if (events.Count == 0)
        {
            return new Result(OutcomeStatus.Open, null, null, Holds(d.Qualify, []));
        }

        var first = events[0].Timestamp;
        var expires = d.ExpireAfter is { } x ? first + x : (DateTimeOffset?)null;
        DateTimeOffset? qualifiedAt = null, settlesAt = null;
        var windowEnd = events.Count;
        string phase = "window";
        for (var k = 0; k < events.Count; k++)
        {
            var t = events[k].Timestamp;
            if (qualifiedAt is not null && t >= settlesAt)
            {
                phase = "closed";
                windowEnd = k;
                for (var j = k; j < events.Count; j++)
                {
                    if (Holds(d.ReverseOn, events.Take(j + 1).ToList()))
                    {
                        phase = "reversed";
                        break;
                    }
                }

                break;
            }

            if (qualifiedAt is null && t >= expires)
            {
                return new Result(OutcomeStatus.Expired, null, null, Holds(d.Qualify, events.Take(k).ToList()));
            }

            var prefix = events.Take(k + 1).ToList();
            if (Holds(d.Qualify, prefix))
            {
                qualifiedAt ??= t;
                settlesAt = qualifiedAt == t || d.Settlement.ResetOnEvent ? t + d.Settlement.Window : settlesAt;
                if (Holds(d.ReverseOn, prefix))
                {
                    return new Result(OutcomeStatus.Voided, qualifiedAt, settlesAt, true);
                }
            }
            else
            {
                qualifiedAt = null;
                settlesAt = null;
            }
        }

        var window = events.Take(windowEnd).ToList();
        var held = Holds(d.Qualify, window);
        if (qualifiedAt is null)
        {
            return new Result(now >= expires ? OutcomeStatus.Expired : OutcomeStatus.Open, null, null, held);
        }

        var commits = settlesAt!.Value + d.Settlement.Grace;
        if (d.ReviewWhen is not null && Holds(d.ReviewWhen, window))
        {
            var decision = reviews.Where(r => r.DecidedAt <= now).OrderBy(r => r.DecidedAt).ThenBy(r => r.Verdict == ReviewVerdict.Reject ? 0 : 1).FirstOrDefault();
            if (decision is null)
            {
                return new Result(OutcomeStatus.InReview, qualifiedAt, settlesAt, held);
            }

            if (decision.Verdict == ReviewVerdict.Reject)
            {
                return new Result(OutcomeStatus.Rejected, qualifiedAt, settlesAt, held);
            }

            commits = decision.DecidedAt > commits ? decision.DecidedAt : commits;
        }

        var status = now < commits ? OutcomeStatus.Qualified : phase == "reversed" ? OutcomeStatus.Reversed : OutcomeStatus.Settled;
        return new Result(status, qualifiedAt, settlesAt, held);
    }

    public static bool Holds(Condition? c, IReadOnlyList<OutcomeEvent> es) => c switch
    {
        null => false,
        AllCondition all => all.Conditions.All(x => Holds(x, es)),
        AnyCondition any => any.Conditions.Any(x => Holds(x, es)),
        NotCondition not => !Holds(not.Condition, es),
        SeenCondition s => es.Select((e, i) => (e, i)).Any(p =>
            p.e.Type == s.Type
            && Where(s.Where, p.e)
            && (s.After is null || es.Take(p.i).Any(o => o.Type == s.After))
            && (s.Before is null || !es.Take(p.i).Any(o => o.Type == s.Before))
            && (s.Within is null || p.e.Timestamp - es[0].Timestamp <= s.Within)),
        CountCondition n => n.Threshold.Holds(es.Count(e => e.Type == n.Of && Where(n.Where, e))),
        DistinctCondition n => n.Threshold.Holds(es.Where(e => e.Type == n.Of && Where(n.Where, e)).Select(e => Text(Read(n.Property, e))).OfType<string>().Distinct().Count()),
        SumCondition n => n.Threshold.Holds(es.Where(e => e.Type == n.Of && Where(n.Where, e)).Select(e => Read(n.Property, e)).Where(v => v?.ValueKind == JsonValueKind.Number).Sum(v => v!.Value.GetDecimal())),
        SequenceCondition q => Sequence(q, es, 0, -1, null),
        _ => throw new NotSupportedException(),
    };

    private static bool Sequence(SequenceCondition q, IReadOnlyList<OutcomeEvent> es, int step, int after, DateTimeOffset? start)
    {
        if (step == q.Types.Count)
        {
            return true;
        }

        for (var i = after + 1; i < es.Count; i++)
        {
            if (es[i].Type != q.Types[step])
            {
                continue;
            }

            var s = start ?? es[i].Timestamp;
            if (step == q.Types.Count - 1 && q.Within is { } w && es[i].Timestamp - s > w)
            {
                continue;
            }

            if (Sequence(q, es, step + 1, i, s))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Where(Witn.Domain.Common.ValueArray<PropertyPredicate> where, OutcomeEvent e) => where.All(p =>
    {
        var v = Read(p.Path, e);
        return p.Operator switch
        {
            PredicateOperator.Exists => (v is { ValueKind: not JsonValueKind.Null }) == p.Operand.Boolean,
            PredicateOperator.Eq => p.Operand.Kind switch
            {
                LiteralKind.Number => v?.ValueKind == JsonValueKind.Number && v.Value.GetDecimal() == p.Operand.Number,
                LiteralKind.String => v?.ValueKind == JsonValueKind.String && v.Value.GetString() == p.Operand.Text,
                _ => throw new NotSupportedException(),
            },
            PredicateOperator.Gte => v?.ValueKind == JsonValueKind.Number && v.Value.GetDecimal() >= p.Operand.Number,
            _ => throw new NotSupportedException(),
        };
    });

    private static JsonElement? Read(PropertyPath path, OutcomeEvent e)
    {
        if (path.Text == "$agent.id")
        {
            return e.Agent is null ? null : JsonSerializer.SerializeToElement(e.Agent.Id);
        }

        return e.Properties.TryGetProperty(path.Text, out var v) ? v : null;
    }

    private static string? Text(JsonElement? v) => v is null || v.Value.ValueKind == JsonValueKind.Null ? null : v.Value.ToString();
}
