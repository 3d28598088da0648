using Microsoft.Extensions.Time.Testing;
using Witn.Storage.Log;
using Witn.Testing;
using static Witn.Storage.Tests.Log.LogRecords;

namespace Witn.Storage.Tests.Log;

public sealed class EventLogReaderTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private readonly FakeTimeProvider _time = new(Start);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_checkpoint_starts_at_zero_and_never_moves_backwards()
    {
        var reader = new EventLogReader(db.DataSource);
        var consumer = $"c-{Guid.NewGuid():N}";

        Assert.Equal(0, await reader.GetCheckpointAsync(consumer, 2, _ct));
        await reader.SaveCheckpointAsync(consumer, 2, 5, _ct);
        Assert.Equal(5, await reader.GetCheckpointAsync(consumer, 2, _ct));
        await reader.SaveCheckpointAsync(consumer, 2, 3, _ct);
        Assert.Equal(5, await reader.GetCheckpointAsync(consumer, 2, _ct));
        await reader.SaveCheckpointAsync(consumer, 2, 9, _ct);
        Assert.Equal(9, await reader.GetCheckpointAsync(consumer, 2, _ct));

        Assert.Equal(0, await reader.GetCheckpointAsync(consumer, 3, _ct));
        Assert.Equal(0, await reader.GetCheckpointAsync(consumer + "-other", 2, _ct));
    }

    [Fact]
    public async Task a_partition_is_read_in_pages_after_a_position()
    {
        await using var writer = new EventLogWriter(db.DataSource, new EventLogOptions(), _time);
        var reader = new EventLogReader(db.DataSource);
        var tenant = NewTenant();
        var partition = LogPartitions.Of(tenant, 8);
        var results = await writer.AppendAsync(Enumerable.Range(0, 5).Select(_ => Record(tenant)).ToArray(), _ct);
        var after = results[0].Position - 1;

        var page1 = await reader.ReadAsync(partition, after, 3, _ct);
        var page2 = await reader.ReadAsync(partition, page1[^1].Position, 3, _ct);

        var mine = page1.Concat(page2).Where(e => e.TenantId == tenant).ToList();
        Assert.Equal(results.Select(r => r.Position), mine.Select(e => e.Position));
        Assert.Equal(3, page1.Count);
    }

    [Fact]
    public async Task a_tenant_is_replayed_in_event_time_order_within_the_bounds()
    {
        await using var writer = new EventLogWriter(db.DataSource, new EventLogOptions(), _time);
        var reader = new EventLogReader(db.DataSource);
        var tenant = NewTenant();
        var late = Record(tenant, at: Start.AddMinutes(30));
        var early = Record(tenant, at: Start.AddMinutes(10));
        var middle = Record(tenant, at: Start.AddMinutes(20));
        await writer.AppendAsync([late, early, middle, Record(NewTenant(), at: Start.AddMinutes(15))], _ct);

        var all = await reader.ReadTenantAsync(tenant, null, null, 10, _ct);
        var bounded = await reader.ReadTenantAsync(tenant, Start.AddMinutes(10), Start.AddMinutes(30), 10, _ct);
        var first = await reader.ReadTenantAsync(tenant, null, null, 1, _ct);
        var fromMiddle = await reader.ReadTenantAsync(tenant, Start.AddMinutes(20), null, 10, _ct);

        Assert.Equal([early.EventId, middle.EventId, late.EventId], all.Select(e => e.EventId));
        Assert.Equal([early.EventId, middle.EventId], bounded.Select(e => e.EventId));
        Assert.Equal([early.EventId], first.Select(e => e.EventId));
        Assert.Equal([middle.EventId, late.EventId], fromMiddle.Select(e => e.EventId));
    }
}
