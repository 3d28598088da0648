using CsCheck;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Settlement;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Settlement;

/// <summary>
/// Invariant 3b: for random definitions, random event sets with duplicates, random arrival orders, and clock
/// advances and review decisions interleaved between arrivals, every outcome's net ledger equals what the in-order
/// evaluation of its final events says: its price once if it settles, zero otherwise (charged and credited if it
/// was reversed, or disqualified, voided, rejected or re-priced after being charged).
/// </summary>
public sealed class SettlementPropertyTests
{
    // Past every window, grace and expiry the random definitions have (events end at T0 + 2 h).
    private static readonly DateTimeOffset End = Ev.T0.AddDays(2);

    private static readonly Gen<(int Kind, int Slot)[]> GenInterleaving = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 44]).Array[0, 12];

    [Fact]
    public void net_ledger_equals_the_in_order_evaluation_whatever_the_arrival_order_and_clock()
    {
        Gen.Select(RandomOutcomes.GenDefinition, RandomOutcomes.GenEvents, RandomOutcomes.GenReviews, Gen.Int, GenInterleaving, Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false))))
            .Sample((definition, events, reviews, seed, interleaving, billable) =>
            {
                var compiled = CompiledDefinition.Compile(definition);
                var random = new Random(seed);
                var arrival = events.Concat(events.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToList();
                var model = new SettlementModel(compiled, billable);
                var pendingReviews = new Queue<ReviewDecision>(reviews.OrderBy(r => r.DecidedAt));
                var moves = new Queue<(int Kind, int Slot)>(interleaving);
                foreach (var e in arrival)
                {
                    // Between arrivals: clock advances and review decisions, as they come.
                    while (moves.Count > 0 && random.Next(2) == 0)
                    {
                        var (kind, slot) = moves.Dequeue();
                        if (kind == 0 && pendingReviews.Count > 0)
                        {
                            model.Review(pendingReviews.Dequeue());
                        }
                        else
                        {
                            model.Advance(RandomOutcomes.Clocks[slot]);
                        }
                    }

                    model.Arrive(e);
                }

                while (pendingReviews.Count > 0)
                {
                    model.Review(pendingReviews.Dequeue());
                }

                model.Advance(End);
                AssertAgreesWithReference(compiled, events, model, billable);
            }, iter: 4000);
    }

    [Fact]
    public void arriving_in_real_time_charges_a_settled_outcome_once_and_a_reversed_one_once_with_one_credit()
    {
        Gen.Select(RandomOutcomes.GenDefinition, RandomOutcomes.GenEvents).Sample((definition, events) =>
        {
            var compiled = CompiledDefinition.Compile(definition);
            var model = new SettlementModel(compiled, billable: true);
            foreach (var e in events.OrderBy(e => e.Timestamp).ThenBy(e => e.EventId))
            {
                model.Advance(e.Timestamp);
                model.Arrive(e);
            }

            model.Advance(End);
            var expected = OutcomeEvaluator.Evaluate(compiled, events, End);
            AssertAgreesWithReference(compiled, events, model, billable: true);

            // Events stamped at or before the clock when they arrive are never late: nothing is re-issued.
            var (charges, credits) = expected.Status switch
            {
                OutcomeStatus.Settled => (1, 0),
                OutcomeStatus.Reversed => (1, 1),
                _ => (0, 0),
            };
            Assert.Equal(charges, model.Charges.Count);
            Assert.Equal(credits, model.CreditCount);
        }, iter: 3000);
    }

    private static void AssertAgreesWithReference(CompiledDefinition compiled, OutcomeEvent[] events, SettlementModel model, bool billable)
    {
        // The reference: the batch evaluation of the final events in event order, with the decisions taken.
        var expected = OutcomeEvaluator.Evaluate(compiled, events.OrderBy(e => e.Timestamp).ThenBy(e => e.EventId), End, model.Reviews);
        var stands = SettlementDecision.ShouldStand(expected.Status, billable);
        var open = model.Charges.Where(c => !c.Credited).ToList();
        Assert.Equal(stands ? SettlementModel.Price(expected).Amount!.Value : 0m, model.Net);
        Assert.Equal(stands ? 1 : 0, open.Count);
        if (stands)
        {
            Assert.Equal(SettlementModel.Price(expected), open[0].Terms);
        }

        if (expected.Status == OutcomeStatus.Reversed && billable)
        {
            Assert.NotEmpty(model.Charges);
        }

        Assert.Equal(model.Charges.Count, model.Charges.Select(c => c.Sequence).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, model.Charges.Count), model.Charges.Select(c => c.Sequence).Order());
    }
}
