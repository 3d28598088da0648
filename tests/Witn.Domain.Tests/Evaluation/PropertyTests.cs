using CsCheck;
using Witn.Domain.Common;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Evaluation;

public sealed class PropertyTests
{
    [Fact]
    public void any_permutation_and_duplication_of_the_events_gives_the_same_state_and_explanation()
    {
        Gen.Select(RandomOutcomes.GenDefinition, RandomOutcomes.GenEvents, RandomOutcomes.GenReviews, Gen.Int, Gen.Int[0, 44]).Sample((definition, events, reviews, seed, clock) =>
        {
            var compiled = CompiledDefinition.Compile(definition);
            var now = RandomOutcomes.Clocks[clock];
            var expected = OutcomeEvaluator.Evaluate(compiled, events.OrderBy(e => e.Timestamp).ThenBy(e => e.EventId), now, reviews);

            var random = new Random(seed);
            var arrival = events.Concat(events.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToList();
            var fold = new OutcomeFold(compiled);
            foreach (var e in arrival)
            {
                fold.Apply(e);
                _ = fold.Progress(now);
            }

            foreach (var r in reviews)
            {
                fold.Review(r);
            }

            var actual = fold.Evaluate(now);
            var progress = fold.Progress(now);
            return actual == expected
                && progress.Status == expected.Status
                && progress.QualifiedAt == expected.QualifiedAt
                && progress.NextDueAt == expected.NextDueAt;
        }, iter: 3000);
    }

    [Fact]
    public void evaluation_agrees_with_the_reference_evaluator_on_random_trees_and_events()
    {
        Gen.Select(RandomOutcomes.GenDefinition, RandomOutcomes.GenEvents, RandomOutcomes.GenReviews, Gen.Int[0, 44]).Sample((definition, events, reviews, clock) =>
        {
            var now = RandomOutcomes.Clocks[clock];
            var actual = OutcomeEvaluator.Evaluate(definition, events, now, reviews);
            var expected = ReferenceEvaluator.Evaluate(definition, events, now, reviews);
            return actual.Status == expected.Status
                && actual.QualifiedAt == expected.QualifiedAt
                && actual.SettlesAt == expected.SettlesAt
                && actual.Explanation.Qualify.Held == expected.QualifyHeld;
        }, iter: 5000);
    }

    [Fact]
    public void conditions_agree_with_the_reference_on_every_prefix()
    {
        Gen.Select(RandomOutcomes.GenCondition, RandomOutcomes.GenEvents).Sample((condition, events) =>
        {
            var definition = new OutcomeDefinition("random", string.Empty, new PropertyPath("id"), condition, null, null, new SettlementPolicy(TimeSpan.FromDays(180)), null, Attribution.Last, []);
            var compiled = CompiledDefinition.Compile(definition);
            var sorted = events.Where(e => compiled.Listens(e.Type)).OrderBy(e => e.Timestamp).ThenBy(e => e.EventId).ToList();
            for (var k = 0; k <= sorted.Count; k++)
            {
                var prefix = sorted.Take(k).ToList();
                if (OutcomeEvaluator.Evaluate(compiled, prefix, Ev.T0).Explanation.Qualify.Held != ReferenceEvaluator.Holds(condition, prefix))
                {
                    return false;
                }
            }

            return true;
        }, iter: 3000);
    }

    [Fact]
    public void guid_order_equals_the_order_of_its_canonical_text()
    {
        Gen.Guid.Array[2].Sample(g => Math.Sign(g[0].CompareTo(g[1])) == Math.Sign(string.CompareOrdinal(g[0].ToString("D"), g[1].ToString("D"))), iter: 10000);
    }
}
