using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Witn.Storage.Invoices;
using Witn.Storage.Ledger;
using Witn.Testing;
using static Witn.Storage.Tests.Invoices.InvoiceRows;

namespace Witn.Storage.Tests.Invoices;

/// <summary>
/// Random sequences of commits, credits and one finalization: the running totals always equal what the ledger rows
/// add up to, nothing lands on a period once it is final, and the finalized invoice never changes.
/// </summary>
public sealed class InvoiceRollupModelTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly string[] Outcomes = ["ticket_resolved", "meeting_booked"];
    private static readonly string?[] Buckets = [null, "lead.segment=enterprise"];

    // Kind 0–5 commit (correlations repeat, so some commits are repeats), 6–8 credit, 9 finalize November.
    private static readonly Gen<Op[]> GenOps = Gen.Select(Gen.Int[0, 9], Gen.Bool, Gen.Int[0, 7], Gen.Int[0, 1], Gen.Int[1, 8], Gen.Int[0, 29],
        (kind, december, target, bucket, quarters, day) => new Op(kind, december, target, bucket, quarters, day)).Array[1, 30];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_running_totals_equal_the_ledger_rows_and_a_finalized_period_never_changes()
    {
        await GenOps.SampleAsync(async ops =>
        {
            var tenant = $"roll-{Guid.NewGuid():N}"[..16];
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));
            var ledger = new LedgerStore(db.DataSource, time);
            var invoices = new InvoiceStore(db.DataSource, time);
            var charges = new List<ChargeRow>();
            string? document = null;
            PeriodUsage? frozen = null;
            foreach (var op in ops)
            {
                var at = (op.December ? December : November).Start.AddDays(op.Day).AddHours(op.Quarters);
                var landed = new List<DateTimeOffset?>();
                if (op.Kind < 6)
                {
                    var outcome = Outcomes[op.Target % Outcomes.Length];
                    var bucket = outcome == "meeting_booked" ? Buckets[op.Bucket] : null;
                    var amount = outcome == "ticket_resolved" ? 2.00m : bucket is null ? 40.00m : 120.00m;
                    var (charge, created) = await ledger.CommitChargeAsync(Charge(tenant, $"c-{op.Target}", at, outcome, bucket, amount), Ct);
                    if (created)
                    {
                        charges.Add(charge);
                        landed.Add(charge.InvoicePeriod);
                    }
                }
                else if (op.Kind < 9 && charges.Count > 0)
                {
                    var charge = charges[op.Target % charges.Count];
                    var amount = charge.Amount!.Value * op.Quarters / 8;
                    var (credit, created) = await ledger.AddCreditAsync(charge.Id, "reopened", "{}", amount, at, Monthly, Ct);
                    if (created)
                    {
                        landed.Add(credit.InvoicePeriod);
                    }
                }
                else if (op.Kind == 9)
                {
                    var (invoice, _) = await invoices.FinalizeAsync(tenant, November, November.End, (usage, number, _) => Task.FromResult(Render(usage, number)), Ct);
                    document ??= invoice.Document;
                    frozen ??= await invoices.GetUsageAsync(tenant, November.Start, Ct);
                    Assert.Equal(document, invoice.Document);
                }

                if (document is not null)
                {
                    Assert.DoesNotContain(November.Start, landed);
                }

                Assert.All(landed, p => Assert.True(p == November.Start || p == December.Start, $"landed on {p}"));
            }

            Assert.Equal(await RollupsFromChargesAsync(db.DataSource, tenant), await RollupsAsync(db.DataSource, tenant));
            Assert.Equal(await CreditRollupsFromCreditsAsync(db.DataSource, tenant), await CreditRollupsAsync(db.DataSource, tenant));
            Assert.Equal(charges.Count, await ChargesOnAsync(db.DataSource, tenant, November) + await ChargesOnAsync(db.DataSource, tenant, December));
            if (document is not null)
            {
                var final = await invoices.GetFinalAsync(tenant, November.Start, Ct);
                Assert.Equal(document, final!.Document);
                var now = await invoices.GetUsageAsync(tenant, November.Start, Ct);
                Assert.Equal(frozen!.Outcomes.OrderBy(o => o.Outcome, StringComparer.Ordinal).ThenBy(o => o.Bucket, StringComparer.Ordinal), now.Outcomes.OrderBy(o => o.Outcome, StringComparer.Ordinal).ThenBy(o => o.Bucket, StringComparer.Ordinal));
                Assert.Equal(frozen.Credits.OrderBy(c => c.Outcome, StringComparer.Ordinal), now.Credits.OrderBy(c => c.Outcome, StringComparer.Ordinal));
                Assert.Equal(document, Render(now, final.Number).Json);
            }
            else
            {
                Assert.Null(await invoices.GetFinalAsync(tenant, November.Start, Ct));
            }
        }, iter: 25);
    }

    private sealed record Op(int Kind, bool December, int Target, int Bucket, int Quarters, int Day);
}
