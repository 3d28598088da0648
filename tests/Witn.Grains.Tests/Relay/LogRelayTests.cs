using System.Security.Cryptography;
using System.Text;
using Witn.Grains.Log;
using Witn.Grains.Relay;
using Witn.Storage.Log;
using Witn.Testing;

namespace Witn.Grains.Tests.Relay;

/// <summary>
/// Cloud mode's relay against a real PostgreSQL log: what it publishes (each tenant's rows, in position order, with
/// their positions) and when it checkpoints (only past rows the hub accepted).
/// </summary>
public sealed class LogRelayTests(RelayCluster cluster) : IClassFixture<RelayCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task each_tenants_rows_are_published_in_log_order_with_their_positions_then_checkpointed()
    {
        string[] tenants = [TenantIn(3), TenantIn(3), TenantIn(5)];
        var appended = new List<AppendResult>();
        for (var i = 0; i < 20; i++)
        {
            // One append per row, interleaving tenants, so positions interleave within partition 3.
            foreach (var tenant in tenants)
            {
                appended.AddRange(await cluster.Writer.AppendAsync([Record(tenant, $"{{\"n\": {i}}}")]));
            }
        }

        var byTenant = tenants.ToDictionary(t => t, t => appended.Where((_, i) => tenants[i % tenants.Length] == t).ToList());
        await Eventually.HoldsAsync(() => Task.FromResult(tenants.All(t => cluster.Hub.EventsOf(t).Count >= 20)), Deadline, "every row published");

        foreach (var tenant in tenants)
        {
            var published = cluster.Hub.EventsOf(tenant);
            Assert.Equal(byTenant[tenant].Select(r => (r.Position, r.EventId)), published.Select(e => (e.Position, e.Event.EventId)));
            Assert.All(published, e => Assert.Equal(tenant, e.Event.TenantId));
        }

        var lastIn3 = appended.Where(r => r.Partition == 3).Max(r => r.Position);
        await Eventually.HoldsAsync(async () => await cluster.Reader.GetCheckpointAsync(EventHubsRelay.CheckpointConsumer, 3) == lastIn3, Deadline, "the relay's checkpoint reaching the last published row");
        Assert.Equal(0, await cluster.Reader.GetCheckpointAsync(LogStreams.CheckpointConsumer, 3)); // PostgreSQL-mode delivery is not running
    }

    [Fact]
    public async Task the_checkpoint_stays_before_a_row_until_the_hub_accepted_it()
    {
        var held = TenantIn(6);
        var other = TenantIn(6);
        cluster.Hub.Hold(held);
        var heldRows = await cluster.Writer.AppendAsync([Record(held, """{"n": 1}"""), Record(held, """{"n": 2}""")]);
        var otherRows = await cluster.Writer.AppendAsync([Record(other, """{"n": 3}""")]);
        Assert.True(otherRows[0].Position > heldRows[^1].Position);

        // The hub hangs on the held tenant's send while the partition moves on: the other tenant's later row is
        // published, yet the checkpoint must not pass the row that was never accepted.
        await cluster.Hub.AttemptedAsync(held).WaitAsync(Deadline);
        await Eventually.HoldsAsync(() => Task.FromResult(cluster.Hub.EventsOf(other).Count == 1), Deadline, "the other tenant's row published");
        Assert.True(await cluster.Reader.GetCheckpointAsync(EventHubsRelay.CheckpointConsumer, 6) < heldRows[0].Position);
        Assert.Empty(cluster.Hub.EventsOf(held));

        cluster.Hub.Release(held);
        await Eventually.HoldsAsync(async () => await cluster.Reader.GetCheckpointAsync(EventHubsRelay.CheckpointConsumer, 6) == otherRows[0].Position, Deadline, "the checkpoint passing every row once published");
        Assert.Equal(heldRows.Select(r => r.Position), cluster.Hub.EventsOf(held).Select(e => e.Position));
    }

    [Fact]
    public void a_run_of_events_is_split_into_batches_that_fit_one_event_hubs_event_in_order()
    {
        var big = new string('x', 60_000);
        var events = Enumerable.Range(1, 10).Select(i => new LogEvent(i, Domain.Events.OutcomeEvent.Create(Guid.NewGuid(), "acme", "t", LogStart, $"{{\"p\": \"{big}\"}}", $"k{i}"))).ToList();

        var batches = EventHubsRelay.Batches(events).ToList();

        Assert.Equal(events, batches.SelectMany(b => b));
        Assert.All(batches, b => Assert.True(b.Count == 1 || b.Sum(e => e.Event.PropertiesJson.Length + 128) <= EventHubsRelay.MaxBatchBytes));
        Assert.Equal([3, 3, 3, 1], batches.Select(b => b.Count));
    }

    private static readonly DateTimeOffset LogStart = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static string TenantIn(int partition)
    {
        while (true)
        {
            var tenant = $"r-{Guid.NewGuid():N}"[..14];
            if (LogPartitions.Of(tenant, 8) == partition)
            {
                return tenant;
            }
        }
    }

    private static LogRecord Record(string tenant, string properties) =>
        new(Guid.NewGuid(), tenant, "ticket.closed", LogStart, null, null, null, null, null, null, properties, SHA256.HashData(Encoding.UTF8.GetBytes(properties)));
}
