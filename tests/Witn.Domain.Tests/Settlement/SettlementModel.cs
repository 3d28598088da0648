using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Settlement;

namespace Witn.Domain.Tests.Settlement;

/// <summary>
/// One outcome as the live grain runs it, with an in-memory ledger: events arrive in any order, the clock moves
/// between arrivals, and after each the settlement decision is asked and carried out until it has nothing left.
/// The price is a pure function of the evaluated state (a dimension bucket, a percent of the value), so a late
/// event can change what a settled outcome bills. <paramref name="dueDriven"/>: decide as the live grain is woken —
/// when an event changes the fold, when a review is taken, and when the clock passes the due moment its last decision
/// named — rather than after every move of the clock.
/// </summary>
internal sealed class SettlementModel(CompiledDefinition definition, bool billable, bool dueDriven = false)
{
    private readonly OutcomeFold _fold = new(definition);
    private readonly List<HeldCharge> _charges = [];
    private readonly List<ReviewDecision> _reviews = [];
    private int _credits;
    private DateTimeOffset? _due;

    public DateTimeOffset Now { get; private set; } = DateTimeOffset.MinValue;

    public IReadOnlyList<HeldCharge> Charges => _charges;

    public IReadOnlyList<ReviewDecision> Reviews => _reviews;

    public int CreditCount => _credits;

    /// <summary>Charges − credits, in the currency's units.</summary>
    public decimal Net => _charges.Where(c => !c.Credited).Sum(c => c.Terms.Amount ?? 0m);

    /// <summary>The terms the reference price gives an evaluated state.</summary>
    public static ChargeTerms Price(OutcomeState state) => Price(state.Dimensions, state.Value);

    /// <summary>The same price from the dimensions and value alone (what replay's pricer is given).</summary>
    public static ChargeTerms Price(IReadOnlyList<DimensionValue> dimensions, decimal? value)
    {
        var bucket = dimensions.Count > 0 ? dimensions[0].Value ?? "none" : "none";
        var unit = bucket switch { "0" => 1.00m, "1" => 2.50m, _ => 4.00m };
        var amount = unit + Math.Round((value ?? 0m) * 0.10m, 2, MidpointRounding.AwayFromZero);
        return new ChargeTerms(1, "USD", unit, amount, $"x={bucket}", value);
    }

    public void Arrive(OutcomeEvent e)
    {
        if (_fold.Apply(e) == ApplyResult.Applied || !dueDriven)
        {
            Sync();
        }
    }

    public void Advance(DateTimeOffset to)
    {
        Now = to > Now ? to : Now;
        if (!dueDriven || (_due is { } due && due <= Now))
        {
            Sync();
        }
    }

    /// <summary>A reviewer's decision, taken (as the grain does) only while the outcome is in review.</summary>
    public void Review(ReviewDecision decision)
    {
        Advance(decision.DecidedAt);
        if (_fold.Progress(Now).Status == OutcomeStatus.InReview)
        {
            _fold.Review(decision);
            _reviews.Add(decision);
            Sync();
        }
    }

    private void Sync()
    {
        for (var steps = 0; ; steps++)
        {
            Assert.True(steps < 6, "the settlement decision did not converge within 6 steps");
            var status = _fold.Progress(Now).Status;
            var terms = SettlementDecision.NeedsTerms(status, billable, _charges) ? Price(_fold.Evaluate(Now)) : null;
            var step = SettlementDecision.Next(status, billable, terms, _charges);
            switch (step.Kind)
            {
                case SettlementStepKind.None:
                    _due = _fold.Progress(Now).NextDueAt;
                    return;
                case SettlementStepKind.Charge:
                    Assert.DoesNotContain(_charges, c => c.Sequence == step.Sequence);
                    _charges.Add(new HeldCharge(Guid.NewGuid(), step.Sequence, terms!, null));
                    break;
                default:
                    var index = _charges.FindIndex(c => c.Id == step.ChargeId);
                    Assert.True(index >= 0 && !_charges[index].Credited, "a credit for a charge that is not open");
                    _charges[index] = _charges[index] with { CreditId = Guid.NewGuid() };
                    _credits++;
                    break;
            }
        }
    }
}
