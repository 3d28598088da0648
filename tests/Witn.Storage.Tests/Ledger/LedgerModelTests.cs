using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Witn.Storage.Ledger;
using Witn.Testing;
using static Witn.Storage.Tests.Ledger.Charges;

namespace Witn.Storage.Tests.Ledger;

/// <summary>Random commit/credit sequences with repeats, checked against an in-memory model of the ledger.</summary>
public sealed class LedgerModelTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly string[] Outcomes = ["ticket.resolved", "ticket.escalated", "refund.issued"];

    // Commit: outcome + price variant; credit: outcome (unknown until committed) + reason variant.
    private static readonly Gen<Op[]> GenOps = Gen.Select(Gen.Bool, Gen.Int[0, Outcomes.Length - 1], Gen.Int[0, 3], (commit, o, v) => new Op(commit, o, v)).Array[1, 25];

    [Fact]
    public async Task the_database_equals_a_model_where_the_first_charge_per_outcome_and_first_credit_per_charge_win()
    {
        await GenOps.SampleAsync(async ops =>
        {
            var tenant = NewTenant();
            var store = new LedgerStore(db.DataSource, new FakeTimeProvider(Start));
            var charges = new Dictionary<string, ChargeRow>();   // by outcome: the first commit wins
            var credits = new Dictionary<Guid, string>();        // by charge: the first reason wins
            foreach (var op in ops)
            {
                var outcome = Outcomes[op.Outcome];
                if (op.Commit)
                {
                    var (row, created) = await store.CommitChargeAsync(Charge(tenant, outcome, correlation: "c-1", amount: 0.25m * (op.Variant + 1)), TestContext.Current.CancellationToken);
                    Assert.Equal(!charges.ContainsKey(outcome), created);
                    Assert.Equal(charges.GetValueOrDefault(outcome, row), row);
                    charges.TryAdd(outcome, row);
                }
                else if (charges.TryGetValue(outcome, out var charge))
                {
                    var (row, created) = await store.AddCreditAsync(charge.Id, $"reason {op.Variant}", "{}", cancellationToken: TestContext.Current.CancellationToken);
                    Assert.Equal(!credits.ContainsKey(charge.Id), created);
                    credits.TryAdd(charge.Id, row.Reason);
                    Assert.Equal(credits[charge.Id], row.Reason);
                }
                else
                {
                    await Assert.ThrowsAsync<KeyNotFoundException>(() => store.AddCreditAsync(Guid.NewGuid(), "no charge", "{}", cancellationToken: TestContext.Current.CancellationToken));
                }
            }

            var storedCharges = await store.ListChargesAsync(tenant, cancellationToken: TestContext.Current.CancellationToken);
            var storedCredits = await store.ListCreditsAsync(tenant, TestContext.Current.CancellationToken);
            Assert.Equal(charges.Values.OrderBy(c => c.Id), storedCharges.OrderBy(c => c.Id));
            Assert.Equal(credits.OrderBy(c => c.Key), storedCredits.Select(c => KeyValuePair.Create(c.ChargeId, c.Reason)).OrderBy(c => c.Key));
            Assert.Equal(charges.Count, await OutboxCountAsync(db.DataSource, tenant, "charge"));
            Assert.Equal(credits.Count, await OutboxCountAsync(db.DataSource, tenant, "credit"));
        }, iter: 40);
    }

    private sealed record Op(bool Commit, int Outcome, int Variant);
}
