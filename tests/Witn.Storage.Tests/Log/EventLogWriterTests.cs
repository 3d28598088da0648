using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Witn.Storage.Log;
using Witn.Testing;
using static Witn.Storage.Tests.Log.LogRecords;

namespace Witn.Storage.Tests.Log;

public sealed class EventLogWriterTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_new_event_is_accepted_and_a_resent_one_is_a_duplicate_at_the_original_position()
    {
        await using var writer = new EventLogWriter(db.DataSource, new EventLogOptions(), _time);
        var tenant = NewTenant();
        var record = Record(tenant);

        var first = Assert.Single(await writer.AppendAsync([record], _ct));
        var again = Assert.Single(await writer.AppendAsync([record], _ct));

        Assert.Equal(new AppendResult(AppendStatus.Accepted, record.EventId, LogPartitions.Of(tenant, 8), first.Position), first);
        Assert.True(first.Position >= 1);
        Assert.Equal(first with { Status = AppendStatus.Duplicate }, again);
        Assert.Single(await new EventLogReader(db.DataSource).ReadTenantAsync(tenant, null, null, 10, _ct));
    }

    [Fact]
    public async Task a_different_event_under_a_known_id_is_a_conflict_and_the_original_is_kept()
    {
        await using var writer = new EventLogWriter(db.DataSource, new EventLogOptions(), _time);
        var tenant = NewTenant();
        var original = Record(tenant, properties: """{"ticket": "T-1"}""");
        var changed = original.WithProperties("""{"ticket": "T-2"}""");

        var first = Assert.Single(await writer.AppendAsync([original], _ct));
        var conflict = Assert.Single(await writer.AppendAsync([changed], _ct));

        Assert.Equal(first with { Status = AppendStatus.Conflict }, conflict);
        var stored = Assert.Single(await new EventLogReader(db.DataSource).ReadTenantAsync(tenant, null, null, 10, _ct));
        Assert.Equal("""{"ticket": "T-1"}""", stored.PropertiesJson);
    }

    [Fact]
    public async Task the_same_id_twice_in_one_call_is_accepted_once_then_duplicate_or_conflict_of_the_first()
    {
        await using var writer = new EventLogWriter(db.DataSource, new EventLogOptions(), _time);
        var tenant = NewTenant();
        var x = Record(tenant);
        var y = Record(tenant);

        var results = await writer.AppendAsync([x, y, x, x.WithProperties("""{"other": true}""")], _ct);

        Assert.Equal([AppendStatus.Accepted, AppendStatus.Accepted, AppendStatus.Duplicate, AppendStatus.Conflict], results.Select(r => r.Status));
        Assert.Equal([x.EventId, y.EventId, x.EventId, x.EventId], results.Select(r => r.EventId));
        Assert.Equal(results[0].Position, results[2].Position);
        Assert.Equal(results[0].Position, results[3].Position);
        Assert.Equal(2, (await new EventLogReader(db.DataSource).ReadTenantAsync(tenant, null, null, 10, _ct)).Count);
    }

    [Fact]
    public async Task the_same_id_from_two_callers_in_one_flush_is_accepted_for_the_first_only()
    {
        // The three calls queue up behind a held flush, so they ride in the next transaction together (4 records).
        await using var writer = new EventLogWriter(db.DataSource, new EventLogOptions { MaxBatchSize = 4, FlushInterval = Long }, _time);
        var tenant = NewTenant();
        var x = Record(tenant);
        var y = Record(tenant);

        var (held, release) = await HoldAFlushAsync(writer, tenant);
        var first = writer.AppendAsync([x], _ct);
        var second = writer.AppendAsync([x, y], _ct);
        var third = writer.AppendAsync([x.WithProperties("""{"changed": 1}""")], _ct);
        release();
        await held;
        var results = await Task.WhenAll(first, second, third);

        Assert.Equal(AppendStatus.Accepted, results[0][0].Status);
        Assert.Equal([AppendStatus.Duplicate, AppendStatus.Accepted], results[1].Select(r => r.Status));
        Assert.Equal(AppendStatus.Conflict, results[2][0].Status);
        Assert.Equal(results[0][0].Position, results[1][0].Position);
        Assert.Equal(results[0][0].Position, results[2][0].Position);
    }

    [Fact]
    public async Task ten_callers_sending_the_same_batch_five_times_store_each_event_once_with_one_accept()
    {
        await using var writer = new EventLogWriter(db.DataSource, new EventLogOptions(), _time);
        var tenants = Enumerable.Range(0, 5).Select(_ => NewTenant()).ToArray();
        var batch = Enumerable.Range(0, 100).Select(i => Record(tenants[i % tenants.Length])).ToArray();

        var calls = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            var all = new List<AppendResult>();
            for (var round = 0; round < 5; round++)
            {
                all.AddRange(await writer.AppendAsync(batch, _ct));
            }

            return all;
        }));

        var results = calls.SelectMany(c => c).ToList();
        Assert.Equal(10 * 5 * 100, results.Count);
        Assert.DoesNotContain(results, r => r.Status == AppendStatus.Conflict);
        Assert.All(results.GroupBy(r => r.EventId), g =>
        {
            Assert.Single(g, r => r.Status == AppendStatus.Accepted);
            Assert.Single(g.Select(r => (r.Partition, r.Position)).Distinct());
        });

        var reader = new EventLogReader(db.DataSource);
        var stored = new List<LoggedEvent>();
        foreach (var t in tenants)
        {
            stored.AddRange(await reader.ReadTenantAsync(t, null, null, 1000, _ct));
        }

        Assert.Equal(batch.Select(r => r.EventId).Order(), stored.Select(e => e.EventId).Order());
    }

    [Fact]
    public async Task an_event_is_stored_with_all_its_fields_and_the_injected_arrival_time()
    {
        await using var writer = new EventLogWriter(db.DataSource, new EventLogOptions(), _time);
        _time.Advance(TimeSpan.FromMinutes(5));
        var tenant = NewTenant();
        var record = new LogRecord(Guid.NewGuid(), tenant, "case.closed", Start.AddTicks(1230).ToOffset(TimeSpan.FromHours(2)),
            "idem-1", "agent-7", "2.1.0", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "00f067aa0ba902b6",
            """{"b": [1, 2], "a": {"nested": "ü"}}""", Hash("case.closed", "x"));

        var result = Assert.Single(await writer.AppendAsync([record], _ct));
        var stored = Assert.Single(await new EventLogReader(db.DataSource).ReadAsync(result.Partition, result.Position - 1, 1, _ct));

        Assert.Equal(new LoggedEvent(result.Partition, result.Position, record.EventId, tenant, "case.closed", record.Timestamp,
            "idem-1", "agent-7", "2.1.0", record.TraceId, record.SpanId, record.ParentSpanId, stored.PropertiesJson, _time.GetUtcNow()), stored);
        Assert.Equal(TimeSpan.Zero, stored.Timestamp.Offset);
        using var expected = System.Text.Json.JsonDocument.Parse(record.PropertiesJson);
        using var actual = System.Text.Json.JsonDocument.Parse(stored.PropertiesJson);
        Assert.True(System.Text.Json.JsonElement.DeepEquals(expected.RootElement, actual.RootElement));
    }

    [Fact]
    public async Task a_failed_flush_fails_every_caller_in_it_and_the_writer_keeps_working()
    {
        await using var writer = new EventLogWriter(db.DataSource, new EventLogOptions { MaxBatchSize = 2, FlushInterval = Long }, _time);
        var tenant = NewTenant();
        var one = Record(tenant);
        var two = Record(tenant);

        // The next flush fails before COMMIT as a lost connection would (not a refused value): all of it rolls back.
        var (first, release) = await HoldAFlushAsync(writer, tenant);
        var lost = new NpgsqlException("connection lost");
        writer.BeforeCommit = _ =>
        {
            writer.BeforeCommit = null;
            throw lost;
        };
        var oneCall = writer.AppendAsync([one], _ct);
        var twoCall = writer.AppendAsync([two], _ct);
        release();
        Assert.Equal(AppendStatus.Accepted, Assert.Single(await first).Status);

        Assert.Same(lost, await Assert.ThrowsAsync<NpgsqlException>(() => oneCall));
        Assert.Same(lost, await Assert.ThrowsAsync<NpgsqlException>(() => twoCall));
        Assert.Single(await new EventLogReader(db.DataSource).ReadTenantAsync(tenant, null, null, 10, _ct));

        var retried = await writer.AppendAsync([one, two], _ct);
        Assert.All(retried, r => Assert.Equal(AppendStatus.Accepted, r.Status));
    }

    [Fact]
    public async Task values_postgresql_refuses_are_refused_alone_and_everything_else_in_their_flush_is_stored()
    {
        await using var writer = new EventLogWriter(db.DataSource, new EventLogOptions { FlushInterval = Long }, _time);
        var tenant = NewTenant();
        var good = Record(tenant);
        var nul = Record(tenant, properties: """{"note": "a\u0000b"}""");
        var goodToo = Record(tenant);
        var huge = Record(tenant, properties: """{"n": 1e131073}""");

        // Three callers in one flush, as concurrent ingest requests are: one of them carries two bad values.
        var (held, release) = await HoldAFlushAsync(writer, tenant);
        var first = writer.AppendAsync([good], _ct);
        var second = writer.AppendAsync([nul, goodToo, huge], _ct);
        var third = writer.AppendAsync([Record(tenant)], _ct);
        release();
        await held;

        Assert.Equal(AppendStatus.Accepted, Assert.Single(await first).Status);
        Assert.Equal(AppendStatus.Accepted, Assert.Single(await third).Status);
        var results = await second;
        Assert.Equal([AppendStatus.Refused, AppendStatus.Accepted, AppendStatus.Refused], results.Select(r => r.Status));
        Assert.Contains("Unicode", results[0].Problem, StringComparison.Ordinal);
        Assert.Contains("numeric", results[2].Problem, StringComparison.Ordinal);
        Assert.Equal((nul.EventId, 0, 0L), (results[0].EventId, results[0].Partition, results[0].Position));
        var stored = await new EventLogReader(db.DataSource).ReadTenantAsync(tenant, null, null, 10, _ct);
        Assert.Equal(4, stored.Count);
        Assert.DoesNotContain(stored, e => e.EventId == nul.EventId || e.EventId == huge.EventId);
        Assert.Contains(stored, e => e.EventId == goodToo.EventId);
    }

    [Fact]
    public async Task a_writer_whose_data_source_is_closed_fails_its_callers_with_that_error()
    {
        var dataSource = NpgsqlDataSource.Create(db.ConnectionString);
        await using var writer = new EventLogWriter(dataSource, new EventLogOptions(), _time);
        await writer.AppendAsync([Record(NewTenant())], _ct);
        await dataSource.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.AppendAsync([Record(NewTenant())], _ct));
    }

    [Fact]
    public async Task a_writer_with_another_partition_count_than_the_database_refuses_and_says_how_to_fix_it()
    {
        await using var fresh = new TestDatabase();
        await fresh.InitializeAsync();
        await using var first = new EventLogWriter(fresh.DataSource, new EventLogOptions { PartitionCount = 8 }, _time);
        await first.AppendAsync([Record(NewTenant())], _ct);

        await using var other = new EventLogWriter(fresh.DataSource, new EventLogOptions { PartitionCount = 16 }, _time);
        var atStart = await Assert.ThrowsAsync<InvalidOperationException>(() => other.InitializeAsync(_ct));
        var onAppend = await Assert.ThrowsAsync<InvalidOperationException>(() => other.AppendAsync([Record(NewTenant())], _ct));

        Assert.Contains("has 8 partitions", atStart.Message, StringComparison.Ordinal);
        Assert.Contains("configured with 16", atStart.Message, StringComparison.Ordinal);
        Assert.Contains("Set EventLogOptions.PartitionCount to 8", atStart.Message, StringComparison.Ordinal);
        Assert.Equal(atStart.Message, onAppend.Message);
    }

    [Fact]
    public async Task an_empty_call_completes_at_once_and_a_disposed_writer_refuses_appends()
    {
        var writer = new EventLogWriter(db.DataSource, new EventLogOptions(), _time);
        Assert.Empty(await writer.AppendAsync([], _ct));
        var queued = writer.AppendAsync([Record(NewTenant())], _ct);
        await writer.DisposeAsync();

        Assert.Equal(AppendStatus.Accepted, Assert.Single(await queued).Status);
        Assert.Throws<ObjectDisposedException>(() => { _ = writer.AppendAsync([Record(NewTenant())], _ct); });
    }

    /// <summary>Starts a one-record append and holds its flush just before COMMIT until <c>release</c> is called: calls made meanwhile queue up for the next flush together.</summary>
    private async Task<(Task<AppendResult[]> Held, Action Release)> HoldAFlushAsync(EventLogWriter writer, string tenant)
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        writer.BeforeCommit = _ =>
        {
            writer.BeforeCommit = null;
            holding.SetResult();
            return release.Task;
        };
        var held = writer.AppendAsync([Record(tenant)], _ct);
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30), _ct);
        return (held, release.SetResult);
    }
}
