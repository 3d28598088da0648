using Witn.Storage.Simulations;
using Witn.Testing;

namespace Witn.Storage.Tests.Simulations;

/// <summary>A simulation's life in its own tables: cancelled stays cancelled, results add up, and expiry takes all of it.</summary>
public sealed class SimulationStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_cancelled_simulation_never_starts_stops_its_partitions_and_is_never_marked_done()
    {
        var store = new SimulationStore(db.DataSource);
        var id = Guid.CreateVersion7();
        await store.CreateAsync(id, "cancel me", "{}", At, At.AddDays(30), Ct);

        Assert.Equal("cancelled", (await store.CancelAsync(id, At.AddSeconds(1), Ct))!.Status);
        Assert.False(await store.StartAsync(id, 100, At.AddSeconds(2), Ct));
        // A partition already running learns it at its next progress report.
        Assert.Equal("cancelled", await store.ProgressAsync(id, 10, 3, Ct));
        Assert.False(await store.FinishAsync(id, "done", """{"holds":true}""", null, null, At.AddSeconds(3), Ct));
        var row = (await store.GetAsync(id, Ct))!;
        Assert.Equal(("cancelled", (string?)null), (row.Status, row.ParityJson));
    }

    [Fact]
    public async Task progress_counts_up_to_99_percent_until_done_and_partitions_usage_adds_up_per_key()
    {
        var store = new SimulationStore(db.DataSource);
        var id = Guid.CreateVersion7();
        await store.CreateAsync(id, null, "{}", At, At.AddDays(30), Ct);
        Assert.True(await store.StartAsync(id, 200, At, Ct));
        Assert.Equal("running", await store.ProgressAsync(id, 100, 30, Ct));
        Assert.Equal(50, (await store.GetAsync(id, Ct))!.Percent);
        await store.ProgressAsync(id, 100, 30, Ct);
        Assert.Equal(99, (await store.GetAsync(id, Ct))!.Percent);

        var period = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        SimulationUsageRow Charge(long n) => new("replay", "charge", period, "ticket_resolved", 1, null, 2.00m, n, 0m, n * 200);
        await store.AddUsageAsync(id, "acme", [Charge(3)], Ct);
        await store.AddUsageAsync(id, "acme", [Charge(4)], Ct);
        var usage = Assert.Single(await store.ListUsageAsync(id, "acme", Ct));
        Assert.Equal((7L, 1400L, (int?)1, (string?)null), (usage.Quantity, usage.AmountMinor, usage.ContractVersion, usage.Bucket));

        Assert.True(await store.FinishAsync(id, "done", """{"holds":true}""", """{"flips":0}""", null, At.AddMinutes(1), Ct));
        Assert.Equal(100, (await store.GetAsync(id, Ct))!.Percent);
    }

    [Fact]
    public async Task expired_simulations_go_with_their_results_flips_and_mismatches()
    {
        var store = new SimulationStore(db.DataSource);
        var (old, kept) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await store.CreateAsync(old, "old", "{}", At.AddDays(-31), At.AddDays(-1), Ct);
        await store.CreateAsync(kept, "kept", "{}", At, At.AddDays(30), Ct);
        foreach (var id in new[] { old, kept })
        {
            await store.WriteResultsAsync(id, [new SimulationResultRow("acme", "ticket_resolved", At, "USD", 1, 200, 1, 250)], Ct);
            await store.AddFlipsAsync(id, [new SimulationOutcomeRow("acme", "ticket_resolved", "T-1", """{"status":"settled"}""", """{"status":"voided"}""", [Guid.NewGuid()])], Ct);
            await store.AddMismatchesAsync(id, [new SimulationOutcomeRow("acme", "ticket_resolved", "T-2", """{"differences":[]}""", "{}", [])], Ct);
        }

        Assert.True(await store.DeleteExpiredAsync(At, Ct) >= 1);

        Assert.Null(await store.GetAsync(old, Ct));
        Assert.Empty(await store.ListResultsAsync(old, Ct));
        Assert.Empty(await store.ListFlipsAsync(old, 10, null, Ct));
        Assert.Empty(await store.ListMismatchesAsync(old, 10, null, Ct));
        Assert.Single(await store.ListResultsAsync(kept, Ct));
        Assert.Equal("T-1", Assert.Single(await store.ListFlipsAsync(kept, 10, null, Ct)).Correlation);
        Assert.Equal(1, await store.CountFlipsAsync(kept, Ct));
    }
}
