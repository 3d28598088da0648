using Microsoft.Extensions.Time.Testing;
using Witn.Storage.Invoices;
using Witn.Storage.Ledger;
using Witn.Testing;
using static Witn.Storage.Tests.Invoices.InvoiceRows;

namespace Witn.Storage.Tests.Invoices;

/// <summary>Finalization locks its period: a charge committed while the invoice is being frozen moves to the next period.</summary>
public sealed class InvoicePeriodLockTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_charge_committed_while_the_period_is_being_finalized_lands_on_the_next_period_and_not_on_the_invoice()
    {
        var tenant = $"lock-{Guid.NewGuid():N}"[..16];
        var time = new FakeTimeProvider(Now);
        var ledger = new LedgerStore(db.DataSource, time);
        var invoices = new InvoiceStore(db.DataSource, time);
        await ledger.CommitChargeAsync(Charge(tenant, "before", November.Start.AddDays(3)), Ct);
        var rendering = new TaskCompletionSource<PeriodUsage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var finalizing = invoices.FinalizeAsync(tenant, November, November.End, async (usage, number, _) =>
        {
            rendering.SetResult(usage);
            await release.Task;
            return Render(usage, number);
        }, Ct);
        var rendered = await rendering.Task.WaitAsync(Deadline, Ct);
        var waitersBefore = await LockWaitersAsync(db.DataSource);
        var committing = ledger.CommitChargeAsync(Charge(tenant, "during", November.Start.AddDays(20)), Ct);
        await Eventually.HoldsAsync(async () => await LockWaitersAsync(db.DataSource) > waitersBefore, Deadline, "the commit waiting for the period lock");
        Assert.False(committing.IsCompleted);
        release.SetResult();
        var (invoice, created) = await finalizing.WaitAsync(Deadline, Ct);
        var (charge, _) = await committing.WaitAsync(Deadline, Ct);

        Assert.True(created);
        Assert.Equal(December.Start, charge.InvoicePeriod);
        Assert.Equal(1, Assert.Single(rendered.Outcomes).Quantity);
        Assert.Equal(Render(rendered, invoice.Number).Json, invoice.Document);
        Assert.Equal(1, Assert.Single((await invoices.GetUsageAsync(tenant, November.Start, Ct)).Outcomes).Quantity);
        Assert.Equal(1, Assert.Single((await invoices.GetUsageAsync(tenant, December.Start, Ct)).Outcomes).Quantity);
        Assert.Equal(1, await ChargesOnAsync(db.DataSource, tenant, November));
        Assert.Equal(invoice.Document, (await invoices.GetFinalAsync(tenant, November.Start, Ct))!.Document);
    }

    [Fact]
    public async Task a_charge_committed_before_the_finalization_is_on_the_invoice()
    {
        var tenant = $"lock-{Guid.NewGuid():N}"[..16];
        var time = new FakeTimeProvider(Now);
        var ledger = new LedgerStore(db.DataSource, time);
        var invoices = new InvoiceStore(db.DataSource, time);
        await ledger.CommitChargeAsync(Charge(tenant, "before", November.Start.AddDays(3)), Ct);
        var (charge, _) = await ledger.CommitChargeAsync(Charge(tenant, "just before", November.Start.AddDays(20)), Ct);

        PeriodUsage? rendered = null;
        var (invoice, created) = await invoices.FinalizeAsync(tenant, November, November.End, (usage, number, _) =>
        {
            rendered = usage;
            return Task.FromResult(Render(usage, number));
        }, Ct);

        Assert.True(created);
        Assert.Equal(November.Start, charge.InvoicePeriod);
        Assert.Equal(2, Assert.Single(rendered!.Outcomes).Quantity);
        Assert.Equal(Render(rendered, invoice.Number).Json, invoice.Document);
        Assert.Equal(2, await ChargesOnAsync(db.DataSource, tenant, November));
        Assert.Empty((await invoices.GetUsageAsync(tenant, December.Start, Ct)).Outcomes);
    }

    [Fact]
    public async Task a_second_finalization_returns_the_stored_invoice_without_rendering()
    {
        var tenant = $"lock-{Guid.NewGuid():N}"[..16];
        var time = new FakeTimeProvider(Now);
        var invoices = new InvoiceStore(db.DataSource, time);
        await new LedgerStore(db.DataSource, time).CommitChargeAsync(Charge(tenant, "before", November.Start.AddDays(3)), Ct);
        var (first, _) = await invoices.FinalizeAsync(tenant, November, November.End, (usage, number, _) => Task.FromResult(Render(usage, number)), Ct);
        time.Advance(TimeSpan.FromDays(1));

        var (second, created) = await invoices.FinalizeAsync(tenant, November, November.End, (_, _, _) => throw new InvalidOperationException("a final period renders nothing"), Ct);

        Assert.False(created);
        Assert.Equal(first, second);
        Assert.EndsWith("-00001", first.Number, StringComparison.Ordinal);
    }
}
