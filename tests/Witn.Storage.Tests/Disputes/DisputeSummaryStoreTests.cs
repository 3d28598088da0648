using Witn.Domain.Disputes;
using Witn.Storage.Disputes;
using Witn.Testing;

namespace Witn.Storage.Tests.Disputes;

/// <summary>
/// The summary query on rows written as the ledger and dispute store write them (by SQL here, so the cases the API
/// cannot easily make are cheap): several currencies, charges without an agent, another tenant's rows, open ends.
/// </summary>
public sealed class DisputeSummaryStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Settled = new(2026, 11, 5, 9, 40, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Opened = new(2026, 11, 6, 0, 0, 0, TimeSpan.Zero);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private DisputeSummaryStore Store => new(db.DataSource);

    [Fact]
    public async Task credited_amounts_are_summed_per_currency_never_across_currencies()
    {
        var tenant = $"s-{Guid.NewGuid():N}"[..14];
        await DisputeAsync(tenant, await ChargeAsync(tenant, "USD", 200), "credited", credited: 150, decidedAfter: TimeSpan.FromHours(2));
        await DisputeAsync(tenant, await ChargeAsync(tenant, "USD", 200), "credited", credited: 25, decidedAfter: TimeSpan.FromHours(4));
        await DisputeAsync(tenant, await ChargeAsync(tenant, "EUR", 300), "credited", credited: 300, decidedAfter: TimeSpan.FromHours(9));

        var total = Assert.Single(await Store.SummarizeAsync(tenant, null, null, DisputeSummaryGrouping.None, _ct));

        Assert.Equal([("EUR", 3.00m), ("USD", 1.75m)], total.CreditedAmounts);
        Assert.Equal(3, total.Credited);
        Assert.Equal(TimeSpan.FromHours(4).TotalSeconds, total.MedianSecondsToResolution);
    }

    [Fact]
    public async Task charges_without_an_agent_are_a_group_of_their_own_and_another_tenant_counts_nowhere()
    {
        var tenant = $"s-{Guid.NewGuid():N}"[..14];
        var other = $"s-{Guid.NewGuid():N}"[..14];
        await DisputeAsync(tenant, await ChargeAsync(tenant, "USD", 200, agent: null), "open");
        await ChargeAsync(tenant, "USD", 200, agent: "bot");
        await DisputeAsync(other, await ChargeAsync(other, "USD", 200, agent: "bot"), "rejected", decidedAfter: TimeSpan.FromHours(1));

        var groups = await Store.SummarizeAsync(tenant, null, null, DisputeSummaryGrouping.AgentVersion, _ct);

        Assert.Equal(2, groups.Count);
        var (none, bot) = (groups[0], groups[1]);
        Assert.Null(none.AgentId);
        Assert.Equal((1L, 1L, 1L), (none.Opened, none.Charges, none.DisputedCharges));
        Assert.Equal(("bot", "1.0"), (bot.AgentId, bot.AgentVersion));
        Assert.Equal((0L, 1L, 0L, 0L), (bot.Opened, bot.Charges, bot.DisputedCharges, bot.Rejected));
        Assert.Null(bot.MedianSecondsToResolution);
    }

    [Fact]
    public async Task the_range_includes_its_start_and_excludes_its_end()
    {
        var tenant = $"s-{Guid.NewGuid():N}"[..14];
        await DisputeAsync(tenant, await ChargeAsync(tenant, "USD", 200), "open");

        var from = Assert.Single(await Store.SummarizeAsync(tenant, Opened, null, DisputeSummaryGrouping.None, _ct));
        var until = Assert.Single(await Store.SummarizeAsync(tenant, null, Opened, DisputeSummaryGrouping.None, _ct));

        Assert.Equal((1L, 0L), (from.Opened, from.Charges));
        Assert.Equal((0L, 1L, 1L), (until.Opened, until.Charges, until.DisputedCharges));
        Assert.Empty(await Store.SummarizeAsync(tenant, Opened.AddDays(30), null, DisputeSummaryGrouping.Definition, _ct));
    }

    private async Task<Guid> ChargeAsync(string tenant, string currency, long minor, string? agent = "support-bot")
    {
        var id = Guid.CreateVersion7();
        await using var cmd = db.OwnerDataSource.CreateCommand("""
            INSERT INTO charges (id, tenant_id, outcome, definition_version, correlation, qualified_at, settles_at, committed_at,
                                 agent_id, agent_version, dimensions, currency, unit_price, amount_minor, evidence)
            VALUES ($1, $2, 'ticket_resolved', 1, $1::text, $3 - interval '72 hours', $3, $3, $4, $5, '{}', $6, $7::numeric / 100, $7, '{}')
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(Settled);
        cmd.Parameters.AddWithValue((object?)agent ?? DBNull.Value);
        cmd.Parameters.AddWithValue(agent is null ? DBNull.Value : agent == "bot" ? "1.0" : "3.1");
        cmd.Parameters.AddWithValue(currency);
        cmd.Parameters.AddWithValue(minor);
        await cmd.ExecuteNonQueryAsync(_ct);
        return id;
    }

    private async Task DisputeAsync(string tenant, Guid charge, string status, long? credited = null, TimeSpan? decidedAfter = null)
    {
        await using var cmd = db.OwnerDataSource.CreateCommand("""
            INSERT INTO disputes (id, tenant_id, charge_id, outcome, correlation, status, reason, amount_minor, currency, opened_at,
                                  ack_due_by, resolve_due_by, resolved_at, credited_minor, version, state, updated_at)
            SELECT $1, $2, c.id, c.outcome, c.correlation, $3, 'other', c.amount_minor, c.currency, $4,
                   $4 + interval '48 hours', $4 + interval '14 days', $5, $6, 1, '{}', $4
            FROM charges c WHERE c.id = $7
            """);
        cmd.Parameters.AddWithValue(Guid.CreateVersion7());
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(status);
        cmd.Parameters.AddWithValue(Opened);
        cmd.Parameters.AddWithValue(decidedAfter is { } after ? Opened + after : DBNull.Value);
        cmd.Parameters.AddWithValue((object?)credited ?? DBNull.Value);
        cmd.Parameters.AddWithValue(charge);
        await cmd.ExecuteNonQueryAsync(_ct);
    }
}
