using Npgsql;
using Witn.Domain.Alerts;
using Witn.Domain.Quality;
using Witn.Storage.Alerts;
using Witn.Testing;

namespace Witn.Storage.Tests.Alerts;

/// <summary>Alert history as the evaluator saves it: one entry and one announcement per reading, and never changed.</summary>
public sealed class AlertStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset At = new(2026, 11, 3, 1, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly AlertRule Rule = new("store-rule", AlertMetric.ConversionRate, AlertScope.Everything, QualityGrouping.None,
        new ThresholdCondition(AlertDirection.Below, 0.5m), 10, null, null, TimeSpan.Zero);

    [Fact]
    public async Task saving_the_same_reading_twice_keeps_one_entry_and_one_announcement()
    {
        var tenant = await TenantAsync();
        var store = new AlertStore(db.DataSource, TimeProvider.System);
        var id = AlertIds.Of(Rule.Name, tenant, "", AlertTransition.Triggered, At);
        var entry = new AlertHistoryRow(id, Rule.Name, tenant, "", AlertTransition.Triggered, At, new DateOnly(2026, 11, 1), Rule, 0.2m, 40,
            new AlertBaseline(0.9m, 0.01m, 7), [new AlertExample("d", "c-1", null)], null);
        var firing = new AlertSeries(AlertSeriesStatus.Firing, At, new DateOnly(2026, 11, 1), id);

        await store.SaveAsync(Rule.Name, tenant, [("", firing)], [entry], Ct);
        await store.SaveAsync(Rule.Name, tenant, [("", firing)], [entry], Ct);

        var saved = Assert.Single(await store.ListHistoryAsync(Rule.Name, tenant, 10, 0, Ct));
        Assert.Equal((id, 0.2m, 40L, "c-1"), (saved.Id, saved.Value, saved.Volume, Assert.Single(saved.Examples).Correlation));
        Assert.Equal(0.9m, saved.Baseline!.Median);
        Assert.Equal(firing, Assert.Single(await store.ListSeriesAsync(Rule.Name, tenant, Ct)).State);
        await using var outbox = db.DataSource.CreateCommand("SELECT count(*) FROM ledger_outbox WHERE kind = 'alert_triggered' AND ref = $1");
        outbox.Parameters.AddWithValue(id);
        Assert.Equal(1L, await outbox.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task alert_history_refuses_update_delete_and_truncate_even_to_its_owner()
    {
        var tenant = await TenantAsync();
        var id = AlertIds.Of(Rule.Name, tenant, "", AlertTransition.Triggered, At);
        await new AlertStore(db.DataSource, TimeProvider.System).SaveAsync(Rule.Name, tenant, [],
            [new AlertHistoryRow(id, Rule.Name, tenant, "", AlertTransition.Triggered, At, null, Rule, 1m, 1, null, [], null)], Ct);

        await using var conn = new NpgsqlConnection(db.OwnerConnectionString);
        await conn.OpenAsync(Ct);
        foreach (var sql in new[] { $"UPDATE alert_history SET value = 0 WHERE tenant_id = '{tenant}'", $"DELETE FROM alert_history WHERE tenant_id = '{tenant}'", "TRUNCATE alert_history CASCADE" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync(Ct));
            Assert.Equal("alert history is append-only: a resolution is a new entry", e.MessageText);
        }
    }

    private async Task<string> TenantAsync()
    {
        var tenant = $"al-{Guid.NewGuid():N}"[..14];
        await using var cmd = db.DataSource.CreateCommand("""
            INSERT INTO tenants (id, name, time_zone, sandbox, backfill_limit, created_at, updated_at)
            VALUES ($1, 'Alerts', 'UTC', false, interval '7 days', now(), now())
            """);
        cmd.Parameters.AddWithValue(tenant);
        await cmd.ExecuteNonQueryAsync(Ct);
        return tenant;
    }
}
