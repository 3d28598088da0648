using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Witn.Storage.Ledger;
using Witn.Testing;
using static Witn.Storage.Tests.Ledger.Charges;

namespace Witn.Storage.Tests.Ledger;

public sealed class LedgerStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string ChargesAppendOnly = "charges are append-only: add a credit instead";
    private const string CreditsAppendOnly = "credits are append-only: add a new ledger row instead";

    private readonly FakeTimeProvider _time = new(Start.AddMinutes(5));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private LedgerStore Store => new(db.DataSource, _time);

    [Fact]
    public async Task committing_a_charge_twice_returns_the_original_and_writes_nothing_the_second_time()
    {
        var tenant = NewTenant();
        var charge = Charge(tenant);

        var (first, created) = await Store.CommitChargeAsync(charge, _ct);
        _time.Advance(TimeSpan.FromMinutes(1));
        var (again, createdAgain) = await Store.CommitChargeAsync(charge with { Amount = 9m, EvidenceJson = "{}" }, _ct);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first, again);
        Assert.Equal(first, await Store.GetChargeAsync(first.Id, _ct));
        Assert.Equal(1.50m, first.Amount);
        Assert.Equal(Start.AddTicks(-7), first.QualifiedAt);
        Assert.Equal(Start.AddMinutes(5).AddTicks(-7), first.CommittedAt);
        Assert.Single(await Store.ListChargesAsync(tenant, cancellationToken: _ct));
        Assert.Equal(1, await OutboxCountAsync(db.DataSource, tenant, "charge"));
    }

    [Fact]
    public async Task twenty_concurrent_commits_of_one_outcome_create_one_charge_exactly_once()
    {
        var tenant = NewTenant();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => Store.CommitChargeAsync(Charge(tenant, amount: 1m + i), _ct), _ct)));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Charge).Distinct());
        Assert.Single(await Store.ListChargesAsync(tenant, cancellationToken: _ct));
        Assert.Equal(1, await OutboxCountAsync(db.DataSource, tenant, "charge"));
    }

    [Fact]
    public async Task the_outbox_gets_one_row_per_created_charge_and_credit()
    {
        var tenant = NewTenant();
        var a = await Store.CommitChargeAsync(Charge(tenant, correlation: "T-1"), _ct);
        await Store.CommitChargeAsync(Charge(tenant, correlation: "T-2"), _ct);
        await Store.CommitChargeAsync(Charge(tenant, correlation: "T-1"), _ct);
        await Store.CommitChargeAsync(Charge(tenant, outcome: "ticket.escalated", correlation: "T-1"), _ct);
        await Store.AddCreditAsync(a.Charge.Id, "customer dispute", "{}", cancellationToken: _ct);
        await Store.AddCreditAsync(a.Charge.Id, "customer dispute", "{}", cancellationToken: _ct);

        Assert.Equal(3, await OutboxCountAsync(db.DataSource, tenant, "charge"));
        Assert.Equal(1, await OutboxCountAsync(db.DataSource, tenant, "credit"));
    }

    [Theory]
    [InlineData("UPDATE charges SET amount_minor = 0 WHERE id = $1", ChargesAppendOnly)]
    [InlineData("UPDATE charges SET evidence = '{}' WHERE id = $1", ChargesAppendOnly)]
    [InlineData("DELETE FROM charges WHERE id = $1", ChargesAppendOnly)]
    [InlineData("UPDATE credits SET amount_minor = 0 WHERE charge_id = $1", CreditsAppendOnly)]
    [InlineData("DELETE FROM credits WHERE charge_id = $1", CreditsAppendOnly)]
    [InlineData("DELETE FROM ledger_outbox WHERE ref = $1", "ledger_outbox rows are never deleted: set published_at instead")]
    [InlineData("UPDATE ledger_outbox SET ref = gen_random_uuid() WHERE ref = $1", "ledger_outbox rows may only change published_at")]
    public async Task changing_or_deleting_ledger_rows_raises_the_append_only_error_even_for_the_owner(string sql, string message)
    {
        var (charge, _) = await Store.CommitChargeAsync(Charge(NewTenant()), _ct);
        var (credit, _) = await Store.AddCreditAsync(charge.Id, "goodwill", """{"by": "support"}""", 1.50m, cancellationToken: _ct);

        // The runtime role has no right to try (RuntimeRoleTests); the triggers hold the owner to append-only too.
        await using var cmd = db.OwnerDataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue(charge.Id);
        var ex = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync(_ct));

        Assert.Equal(message, ex.MessageText);
        Assert.Equal(charge, await Store.GetChargeAsync(charge.Id, _ct));
        Assert.Equal([credit], await Store.ListCreditsAsync(charge.TenantId, _ct));
    }

    [Fact]
    public async Task truncating_charges_or_credits_is_refused_even_to_the_owner()
    {
        await using var charges = db.OwnerDataSource.CreateCommand("TRUNCATE charges CASCADE");
        await using var credits = db.OwnerDataSource.CreateCommand("TRUNCATE credits");

        Assert.Equal(ChargesAppendOnly, (await Assert.ThrowsAsync<PostgresException>(() => charges.ExecuteNonQueryAsync(_ct))).MessageText);
        Assert.Equal(CreditsAppendOnly, (await Assert.ThrowsAsync<PostgresException>(() => credits.ExecuteNonQueryAsync(_ct))).MessageText);
    }

    [Fact]
    public async Task the_outbox_may_be_marked_published()
    {
        var tenant = NewTenant();
        await Store.CommitChargeAsync(Charge(tenant), _ct);

        await using var cmd = db.DataSource.CreateCommand("UPDATE ledger_outbox SET published_at = now() WHERE tenant_id = $1");
        cmd.Parameters.AddWithValue(tenant);

        Assert.Equal(1, await cmd.ExecuteNonQueryAsync(_ct));
    }

    [Fact]
    public async Task a_charge_gets_at_most_one_credit_even_from_concurrent_callers()
    {
        var (charge, _) = await Store.CommitChargeAsync(Charge(NewTenant(), amount: 12.34m, currency: "EUR"), _ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => Store.AddCreditAsync(charge.Id, $"reason {i}", """{"ticket": "T-1"}""", 12.34m, cancellationToken: _ct), _ct)));

        var credit = Assert.Single(results, r => r.Created).Credit;
        Assert.All(results, r => Assert.Equal(credit, r.Credit));
        Assert.Equal((charge.Id, charge.TenantId, "EUR", (decimal?)12.34m), (credit.ChargeId, credit.TenantId, credit.Currency, credit.Amount));
        Assert.Equal([credit], await Store.ListCreditsAsync(charge.TenantId, _ct));
        Assert.Equal(1, await OutboxCountAsync(db.DataSource, charge.TenantId, "credit"));
    }

    [Fact]
    public async Task an_outcome_is_charged_once_per_sequence_and_finds_all_its_charges_with_their_credits()
    {
        var charge = Charge(NewTenant());
        var (first, _) = await Store.CommitChargeAsync(charge, _ct);
        var (again, createdAgain) = await Store.CommitChargeAsync(charge with { Amount = 3m }, _ct);
        var (second, createdSecond) = await Store.CommitChargeAsync(charge with { Amount = 3m, Sequence = 2 }, _ct);
        var (credit, _) = await Store.AddCreditAsync(first.Id, "repriced: test", "{}", 1.50m, cancellationToken: _ct);

        Assert.Equal((first.Id, false), (again.Id, createdAgain));
        Assert.True(createdSecond);
        Assert.Equal((1, 2, 3m), (first.Sequence, second.Sequence, second.Amount));
        var found = await Store.FindChargesAsync(charge.TenantId, charge.Outcome, charge.Correlation, _ct);
        Assert.Equal([(first.Id, (Guid?)credit.Id), (second.Id, null)], found.Select(f => (f.Charge.Id, f.CreditId)).ToArray());
    }

    [Fact]
    public async Task the_database_refuses_a_credit_larger_than_its_charge_or_negative()
    {
        var (charge, _) = await Store.CommitChargeAsync(Charge(NewTenant(), amount: 12.34m, currency: "EUR"), _ct);
        foreach (var amount in new[] { 1235L, -1L })
        {
            // Straight SQL, as a defect in the code would send it: the trigger is the last line of defence.
            await using var cmd = db.DataSource.CreateCommand("""
                INSERT INTO credits (id, charge_id, tenant_id, reason, created_at, amount_minor, evidence)
                VALUES (gen_random_uuid(), $1, $2, 'too much', now(), $3, '{}')
                """);
            cmd.Parameters.AddWithValue(charge.Id);
            cmd.Parameters.AddWithValue(charge.TenantId);
            cmd.Parameters.AddWithValue(amount);
            var ex = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync(_ct));
            Assert.Equal(PostgresErrorCodes.CheckViolation, ex.SqlState);
        }

        Assert.Empty(await Store.ListCreditsAsync(charge.TenantId, _ct));
        var (credit, created) = await Store.AddCreditAsync(charge.Id, "all of it", "{}", 12.34m, cancellationToken: _ct);
        Assert.True(created);
        Assert.Equal(12.34m, credit.Amount);
    }

    [Fact]
    public async Task a_credit_for_an_unknown_charge_fails_clearly_and_writes_nothing()
    {
        var unknown = Guid.NewGuid();

        var ex = await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.AddCreditAsync(unknown, "goodwill", "{}", cancellationToken: _ct));

        Assert.Equal($"cannot credit charge {unknown}: no such charge in the ledger", ex.Message);
        await using var cmd = db.DataSource.CreateCommand("SELECT count(*) FROM credits WHERE charge_id = $1");
        cmd.Parameters.AddWithValue(unknown);
        Assert.Equal(0L, await cmd.ExecuteScalarAsync(_ct));
    }

    [Fact]
    public async Task charges_and_credits_page_in_list_order_even_when_times_tie_and_a_foreign_cursor_is_refused()
    {
        var tenant = NewTenant();
        var other = NewTenant();
        var charges = new List<ChargeRow>();
        for (var i = 0; i < 7; i++)
        {
            // Pairs share a qualification time, so pages must break ties by id exactly as the full list does.
            charges.Add((await Store.CommitChargeAsync(Charge(tenant, correlation: $"T-{i}", at: Start + TimeSpan.FromHours(i / 2)), _ct)).Charge);
        }

        foreach (var charge in charges)
        {
            await Store.AddCreditAsync(charge.Id, "goodwill", "{}", charge.Amount, cancellationToken: _ct);
        }

        var (foreign, _) = await Store.CommitChargeAsync(Charge(other, correlation: "T-0", at: Start), _ct);
        var (foreignCredit, _) = await Store.AddCreditAsync(foreign.Id, "goodwill", "{}", foreign.Amount, cancellationToken: _ct);
        var allCharges = await Store.ListChargesAsync(tenant, cancellationToken: _ct);
        var allCredits = await Store.ListCreditsAsync(tenant, _ct);

        var chargePages = new List<IReadOnlyList<ChargeRow>>();
        for (Guid? after = null; chargePages.Count == 0 || chargePages[^1].Count == 3;)
        {
            chargePages.Add((await Store.ListChargesAsync(tenant, null, null, new LedgerPage(3, after), _ct))!);
            after = chargePages[^1].LastOrDefault()?.Id;
        }

        var creditPages = new List<IReadOnlyList<CreditRow>>();
        for (Guid? after = null; creditPages.Count == 0 || creditPages[^1].Count == 3;)
        {
            creditPages.Add((await Store.ListCreditsAsync(tenant, new LedgerPage(3, after), _ct))!);
            after = creditPages[^1].LastOrDefault()?.Id;
        }

        Assert.Equal([3, 3, 1], chargePages.Select(p => p.Count));
        Assert.Equal(allCharges, chargePages.SelectMany(p => p));
        Assert.Equal(charges.Select(c => c.Id).Order(), allCharges.Select(c => c.Id).Order());
        Assert.Equal([3, 3, 1], creditPages.Select(p => p.Count));
        Assert.Equal(allCredits, creditPages.SelectMany(p => p));
        Assert.Empty((await Store.ListChargesAsync(tenant, null, null, new LedgerPage(3, allCharges[^1].Id), _ct))!);
        Assert.Null(await Store.ListChargesAsync(tenant, null, null, new LedgerPage(3, foreign.Id), _ct));
        Assert.Null(await Store.ListChargesAsync(tenant, null, null, new LedgerPage(3, Guid.NewGuid()), _ct));
        Assert.Null(await Store.ListCreditsAsync(tenant, new LedgerPage(3, foreignCredit.Id), _ct));
    }

    [Fact]
    public async Task charges_list_by_tenant_and_half_open_period_of_qualification()
    {
        var tenant = NewTenant();
        var other = NewTenant();
        var day = TimeSpan.FromDays(1);
        var charges = new List<ChargeRow>();
        for (var i = 0; i < 4; i++)
        {
            charges.Add((await Store.CommitChargeAsync(Charge(tenant, correlation: $"T-{i}", at: Start + (i * day)), _ct)).Charge);
        }

        await Store.CommitChargeAsync(Charge(other, correlation: "T-1", at: Start + day), _ct);

        Assert.Equal(charges, await Store.ListChargesAsync(tenant, cancellationToken: _ct));
        Assert.Equal(charges[1..3], await Store.ListChargesAsync(tenant, charges[1].QualifiedAt, charges[3].QualifiedAt, _ct));
        Assert.Equal(charges[2..], await Store.ListChargesAsync(tenant, from: charges[2].QualifiedAt, cancellationToken: _ct));
        Assert.Equal(charges[..1], await Store.ListChargesAsync(tenant, to: charges[1].QualifiedAt, cancellationToken: _ct));
        Assert.Empty(await Store.ListChargesAsync(NewTenant(), cancellationToken: _ct));
    }

    [Fact]
    public async Task amounts_are_stored_in_minor_units_and_read_back_as_decimals()
    {
        var tenant = NewTenant();
        var (usd, _) = await Store.CommitChargeAsync(Charge(tenant, correlation: "usd", amount: 12.34m), _ct);
        var (jpy, _) = await Store.CommitChargeAsync(Charge(tenant, correlation: "jpy", amount: 1500m, currency: "JPY"), _ct);
        var (unpriced, _) = await Store.CommitChargeAsync(Charge(tenant, correlation: "none", amount: null, currency: null), _ct);

        await using var cmd = db.DataSource.CreateCommand("SELECT correlation, amount_minor FROM charges WHERE tenant_id = $1 ORDER BY correlation");
        cmd.Parameters.AddWithValue(tenant);
        await using var reader = await cmd.ExecuteReaderAsync(_ct);
        var stored = new List<(string, long?)>();
        while (await reader.ReadAsync(_ct))
        {
            stored.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)));
        }

        Assert.Equal([("jpy", 1500L), ("none", null), ("usd", 1234L)], stored);
        Assert.Equal((12.34m, "USD"), (usd.Amount, usd.Currency));
        Assert.Equal((1500m, "JPY"), (jpy.Amount, jpy.Currency));
        Assert.Null(unpriced.Amount);
    }

    [Fact]
    public async Task an_amount_not_exact_in_minor_units_is_refused_before_anything_is_written()
    {
        var tenant = NewTenant();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.CommitChargeAsync(Charge(tenant, amount: 1.505m), _ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CommitChargeAsync(Charge(tenant, amount: 1m, currency: null), _ct));

        Assert.Empty(await Store.ListChargesAsync(tenant, cancellationToken: _ct));
    }
}
