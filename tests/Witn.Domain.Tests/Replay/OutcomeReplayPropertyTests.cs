using CsCheck;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Replay;
using Witn.Domain.Settlement;
using Witn.Domain.Tests.Settlement;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Replay;

/// <summary>
/// Parity at the domain's level: for random definitions, events with duplicates, arrival orders, clock advances and
/// review decisions, replaying the recorded history (each arrival at the clock it came at, the advances, the
/// decisions taken) gives back the ledger the live loop made, row for row: the same charges in the same places with
/// the same terms, credited the same way. The live loop is <see cref="SettlementModel"/> woken as the grain is: by an
/// event, a review, or the clock passing its due moment.
/// </summary>
public sealed class OutcomeReplayPropertyTests
{
    private static readonly DateTimeOffset End = Ev.T0.AddDays(2);
    private static readonly Gen<(int Kind, int Slot)[]> GenInterleaving = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 44]).Array[0, 12];

    [Fact]
    public void replaying_the_recorded_history_gives_back_the_live_ledger_row_for_row()
    {
        Gen.Select(RandomOutcomes.GenDefinition, RandomOutcomes.GenEvents, RandomOutcomes.GenReviews, Gen.Int, GenInterleaving, Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false))))
            .Sample((definition, events, reviews, seed, interleaving, billable) =>
            {
                var compiled = CompiledDefinition.Compile(definition);
                var random = new Random(seed);
                var model = new SettlementModel(compiled, billable, dueDriven: true);
                var real = DateTimeOffset.UnixEpoch;
                DateTimeOffset Tick() => real = real.AddMilliseconds(1);
                var arrivals = new List<ReplayArrival>();
                var advances = new List<ReplayClock>();
                var decisions = new List<ReplayReview>();

                void Advance(DateTimeOffset to)
                {
                    model.Advance(to);
                    advances.Add(new ReplayClock(model.Now, Tick()));
                }

                var pendingReviews = new Queue<ReviewDecision>(reviews.OrderBy(r => r.DecidedAt));
                var moves = new Queue<(int Kind, int Slot)>(interleaving);
                void Review(ReviewDecision decision)
                {
                    // A decision is taken on the clock as it stands (the live grain stamps it with its now).
                    decision = decision.DecidedAt < model.Now ? decision with { DecidedAt = model.Now } : decision;
                    Advance(decision.DecidedAt);
                    var taken = model.Reviews.Count;
                    model.Review(decision);
                    if (model.Reviews.Count > taken)
                    {
                        decisions.Add(new ReplayReview(decision, Tick()));
                    }
                }

                foreach (var e in events.Concat(events.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()))
                {
                    while (moves.Count > 0 && random.Next(2) == 0)
                    {
                        var (kind, slot) = moves.Dequeue();
                        if (kind == 0 && pendingReviews.Count > 0)
                        {
                            Review(pendingReviews.Dequeue());
                        }
                        else
                        {
                            Advance(RandomOutcomes.Clocks[slot]);
                        }
                    }

                    model.Arrive(e);
                    arrivals.Add(new ReplayArrival(e, new ReplayClock(model.Now, Tick())));
                }

                while (pendingReviews.Count > 0)
                {
                    Review(pendingReviews.Dequeue());
                }

                Advance(End);
                var timeline = ReplayTimeline.SandboxClock(DateTimeOffset.MinValue, advances, real);
                var replayed = OutcomeReplay.Run(compiled, arrivals, decisions, timeline, _ => billable, Price);

                Assert.False(replayed.Unsettled);
                Assert.Equal(Rows(model.Charges), Rows(replayed.Charges));
                Assert.Equal(model.CreditCount, replayed.Steps.Count(s => s.Kind == SettlementStepKind.Credit));
            }, iter: 3000);
    }

    [Fact]
    public void a_live_clock_decides_at_the_due_moment_and_a_sandbox_clock_at_the_advance_that_passes_it()
    {
        var live = ReplayTimeline.Live(Ev.T0.AddDays(1));
        Assert.Equal(ReplayClock.Live(Ev.T0.AddHours(3)), live.DecidesAt(Ev.T0.AddHours(3), ReplayClock.Live(Ev.T0)));
        Assert.Null(live.DecidesAt(Ev.T0.AddDays(2), ReplayClock.Live(Ev.T0)));

        var start = Ev.T0;
        var real = DateTimeOffset.UnixEpoch;
        var sandbox = ReplayTimeline.SandboxClock(start, [new(Ev.T0.AddHours(1), real.AddSeconds(1)), new(Ev.T0.AddHours(5), real.AddSeconds(2))], real.AddSeconds(3));
        Assert.Equal(new ReplayClock(Ev.T0.AddHours(5), real.AddSeconds(2)), sandbox.DecidesAt(Ev.T0.AddHours(3), new ReplayClock(start, real)));
        // The clock when an event arrived: the last advance before it, or the start.
        Assert.Equal(start, sandbox.At(real.AddMilliseconds(500)).Tenant);
        Assert.Equal(Ev.T0.AddHours(1), sandbox.At(real.AddMilliseconds(1500)).Tenant);
        Assert.Equal(new ReplayClock(Ev.T0.AddHours(5), real.AddSeconds(3)), sandbox.End);
    }

    [Fact]
    public void parity_names_each_difference_with_both_sides_and_none_when_the_rows_agree()
    {
        var terms = new ChargeTerms(1, "USD", 2.00m, 2.00m, null, null);
        var november = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        ParityCharge[] ledger = [new(1, terms, november, "reversed", november)];

        Assert.Empty(ReplayParity.Differences([new(1, terms with { Amount = 2.0m }, november, "reversed", november)], ledger));
        var differences = ReplayParity.Differences([new(1, terms with { Amount = 2.50m }, november.AddMonths(1), null, null)], ledger);
        Assert.Equal(3, differences.Count);
        Assert.Contains(differences, d => d.Contains("2.50 USD", StringComparison.Ordinal) && d.Contains("2.00 USD", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("2026-12-01", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("leaves it standing", StringComparison.Ordinal) && d.Contains("reversed", StringComparison.Ordinal));
        Assert.Single(ReplayParity.Differences([], ledger));
    }

    private static ChargeTerms Price(DateTimeOffset first, IReadOnlyList<DimensionValue> dimensions, decimal? value, ChargeTerms? pinnedBy, DateTimeOffset realAt) =>
        SettlementModel.Price(dimensions, value);

    private static List<(int Sequence, ChargeTerms Terms, bool Credited)> Rows(IEnumerable<HeldCharge> charges) =>
        [.. charges.Select(c => (c.Sequence, c.Terms, c.Credited)).OrderBy(c => c.Sequence)];
}
