using CsCheck;
using Witn.Domain.Disputes;

namespace Witn.Domain.Tests.Disputes;

/// <summary>
/// Random command sequences on one charge (openings, messages, credits, rejections, withdrawals, approvals by one
/// of two keys, and reversal credits arriving from the lifecycle) against a reference model that only tracks what
/// is left on the charge and the one open disputed amount. The rules must accept exactly what the model accepts,
/// and the credits on the charge never exceed it.
/// </summary>
public sealed class DisputePropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    // Amounts in cents 0..600 on a 5.00 USD charge, so some are too big, some zero.
    private static readonly Gen<(int Kind, int Cents, bool SecondKey)[]> GenCommands =
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 600], Gen.Bool).Array[1, 30];

    [Fact]
    public void dispute_credits_match_the_reference_model_and_never_exceed_the_charge()
    {
        Gen.Select(GenCommands, Gen.Int[0, 3]).Sample((commands, limitChoice) =>
        {
            decimal? limit = limitChoice switch { 0 => null, 1 => 1.00m, 2 => 3.00m, _ => 0.01m };
            var settings = DisputeSettings.Default with { ApprovalLimit = limit };
            var charge = new DisputedCharge(Guid.NewGuid(), "acme", "o", "c", 5.00m, "USD", 0m, "h");
            var disputes = new List<Dispute>();

            // The model: what is left uncredited, and the open dispute's amount and pending proposal (if any).
            var left = 5.00m;
            decimal? openAmount = null;
            (decimal Amount, bool ByFirstKey)? proposal = null;
            var now = T0;

            foreach (var (kind, cents, secondKey) in commands)
            {
                now = now.AddMinutes(1);
                var amount = cents / 100m;
                var key = secondKey ? "key-2" : "key-1";
                var open = disputes.LastOrDefault(d => !d.Closed);
                switch (kind)
                {
                    case 0:
                    {
                        var result = DisputeRules.Open(new DisputeOpening(Guid.NewGuid(), "other", "why", cents == 600 ? null : amount, "p"), charge, disputes, settings, now);
                        var disputed = cents == 600 ? left : amount;
                        var expected = openAmount is null && left > 0 && disputed > 0 && disputed <= left;
                        Assert.Equal(expected, result.Change is not null);
                        if (result.Change is { } c)
                        {
                            disputes.Add(c.Dispute);
                            openAmount = disputed;
                            proposal = null;
                        }

                        break;
                    }

                    case 1 when open is not null:
                    {
                        var credit = cents == 600 ? (decimal?)null : amount;
                        var result = DisputeRules.Resolve(open, DisputeDecisionKind.Credit, credit, "n", key, charge, settings, now);
                        var wanted = credit ?? proposal?.Amount ?? openAmount!.Value;
                        var approves = proposal is { } p && p.Amount == wanted;
                        bool accepted;
                        decimal? issued = null;
                        if (wanted <= 0 || wanted > openAmount)
                        {
                            accepted = false;
                        }
                        else if (approves)
                        {
                            accepted = proposal!.Value.ByFirstKey == secondKey && wanted <= left;
                            issued = accepted ? wanted : null;
                        }
                        else if (limit is { } l && wanted > l)
                        {
                            accepted = true;
                        }
                        else
                        {
                            accepted = wanted <= left;
                            issued = accepted ? wanted : null;
                        }

                        Assert.Equal(accepted, result.Change is not null);
                        if (result.Change is { } c)
                        {
                            Assert.Equal(issued, c.Credit);
                            Replace(disputes, c.Dispute);
                            if (c.Credit is { } creditAmount)
                            {
                                left -= creditAmount;
                                charge = charge with { Credited = charge.Credited + creditAmount };
                                openAmount = null;
                                proposal = null;
                            }
                            else
                            {
                                proposal = (wanted, !secondKey);
                            }
                        }

                        break;
                    }

                    case 2 when open is not null:
                    {
                        var result = DisputeRules.Resolve(open, DisputeDecisionKind.Reject, null, "stands", key, charge, settings, now);
                        Replace(disputes, result.Change!.Dispute);
                        openAmount = null;
                        proposal = null;
                        break;
                    }

                    case 3 when open is not null:
                        Replace(disputes, DisputeRules.Withdraw(open, now).Change!.Dispute);
                        openAmount = null;
                        proposal = null;
                        break;

                    case 4 when open is not null:
                    {
                        var before = open.Thread.Count;
                        var next = DisputeRules.AddMessage(open, secondKey ? DisputeAuthor.Operator : DisputeAuthor.Customer, key, "note", now).Change!.Dispute;
                        Assert.Equal(before + 1, next.Thread.Count);
                        Replace(disputes, next);
                        break;
                    }

                    case 5:
                    {
                        // A reversal or re-price credit from the lifecycle takes part of what is left.
                        var taken = Math.Min(amount, left);
                        left -= taken;
                        charge = charge with { Credited = charge.Credited + taken };
                        break;
                    }

                    default:
                        if (open is not null)
                        {
                            var result = DisputeRules.Approve(open, key, charge, now);
                            var expected = proposal is { } p && p.ByFirstKey == secondKey && p.Amount <= left;
                            Assert.Equal(expected, result.Change is not null);
                            if (result.Change is { } c)
                            {
                                left -= c.Credit!.Value;
                                charge = charge with { Credited = charge.Credited + c.Credit.Value };
                                Replace(disputes, c.Dispute);
                                openAmount = null;
                                proposal = null;
                            }
                        }

                        break;
                }

                Assert.True(disputes.Count(d => !d.Closed) <= 1);
                var disputeCredits = disputes.Where(d => d.Status == DisputeStatus.Credited).Sum(d => d.Resolution!.Amount);
                Assert.True(disputeCredits <= 5.00m);
                Assert.True(left >= 0);
                Assert.All(disputes.Where(d => d.Status == DisputeStatus.Credited), d => Assert.True(d.Resolution!.Amount <= d.Amount));
            }
        });
    }

    private static void Replace(List<Dispute> disputes, Dispute next) => disputes[disputes.FindIndex(d => d.Id == next.Id)] = next;
}
