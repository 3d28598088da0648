using Npgsql;
using Witn.Storage.Postgres;
using Witn.Testing;

namespace Witn.Storage.Tests.Security;

/// <summary>
/// The database, not only the code, keeps money append-only: the runtime role the silo works as may append to the
/// money and log tables, never rewrite, empty, alter or drop them; and the event log refuses changes even to its owner.
/// </summary>
public sealed class RuntimeRoleTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Statements a runtime role must not be able to run on a money or log table ({0} the table, {1} a column).
    private static readonly string[] Forbidden =
    [
        "UPDATE {0} SET {1} = {1}",
        "DELETE FROM {0}",
        "TRUNCATE {0} CASCADE",
        "ALTER TABLE {0} DISABLE TRIGGER ALL",
        "ALTER TABLE {0} ADD COLUMN sneaky integer",
        "ALTER TABLE {0} OWNER TO " + DatabaseRoles.Runtime,
        "DROP TABLE {0} CASCADE",
    ];

    [Theory]
    [InlineData("events", "type")]
    [InlineData("charges", "evidence")]
    [InlineData("credits", "reason")]
    [InlineData("ledger_outbox", "kind")]
    [InlineData("invoices", "document")]
    [InlineData("contracts", "source")]
    [InlineData("shadow_contracts", "source")]
    [InlineData("contract_promotions", "live_version")]
    [InlineData("outcome_definition_versions", "source_text")]
    public async Task the_runtime_role_cannot_update_delete_truncate_alter_or_drop_a_money_or_log_table(string table, string column)
    {
        var triggers = await TriggersAsync(table);
        Assert.NotEmpty(triggers);
        var statements = Forbidden.Select(f => string.Format(System.Globalization.CultureInfo.InvariantCulture, f, table, column))
            .Concat(triggers.Select(t => $"DROP TRIGGER {t} ON {table}"));

        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync(Ct);
        foreach (var sql in statements)
        {
            // In a transaction that is rolled back: should the role be allowed, the table survives for the next statement.
            await using var tx = await conn.BeginTransactionAsync(Ct);
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
            var refused = await Record.ExceptionAsync(() => cmd.ExecuteNonQueryAsync(Ct));
            await tx.RollbackAsync(Ct);
            var e = Assert.IsType<PostgresException>(refused, exactMatch: false);
            Assert.True(e.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"'{sql}' failed with {e.SqlState} {e.MessageText}, not for want of a right");
        }
    }

    [Fact]
    public async Task the_runtime_role_may_only_mark_an_outbox_row_published()
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync(Ct);
        await using var publish = new NpgsqlCommand("UPDATE ledger_outbox SET published_at = now() WHERE false", conn);
        await publish.ExecuteNonQueryAsync(Ct);
        await using var retarget = new NpgsqlCommand("UPDATE ledger_outbox SET ref = gen_random_uuid() WHERE false", conn);

        var e = await Assert.ThrowsAsync<PostgresException>(() => retarget.ExecuteNonQueryAsync(Ct));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
    }

    [Fact]
    public async Task every_table_grants_the_runtime_role_its_rights_and_the_runtime_role_owns_nothing()
    {
        await using var conn = new NpgsqlConnection(db.OwnerConnectionString);
        await conn.OpenAsync(Ct);

        Assert.Empty(await RuntimeGrants.BreachesAsync(conn, null, Ct));
    }

    [Fact]
    public async Task the_grant_rule_catches_a_table_created_without_grants_and_an_object_the_runtime_role_owns()
    {
        var server = await SharedPostgres.GetAsync();
        await using var conn = new NpgsqlConnection(server.ConnectionString(db.Name) + ";Pooling=false");
        await conn.OpenAsync(Ct);
        await using var tx = await conn.BeginTransactionAsync(Ct);
        await using (var breach = new NpgsqlCommand($"""
            CREATE TABLE forgotten_grants (id integer);
            CREATE TABLE runtime_owned (id integer);
            ALTER TABLE runtime_owned OWNER TO {DatabaseRoles.Runtime};
            """, conn, tx))
        {
            await breach.ExecuteNonQueryAsync(Ct);
        }

        // The rule reads the catalogue inside this transaction, where the breaches exist.
        var breaches = await RuntimeGrants.BreachesAsync(conn, tx, Ct);
        await tx.RollbackAsync(Ct);

        Assert.Contains($"table forgotten_grants grants {DatabaseRoles.Runtime} no right: grant them in the migration that creates it", breaches);
        Assert.Contains($"{DatabaseRoles.Runtime} owns relation runtime_owned", breaches);
    }

    [Fact]
    public async Task the_event_log_refuses_update_delete_and_truncate_even_to_its_owner()
    {
        await using var conn = new NpgsqlConnection(db.OwnerConnectionString);
        await conn.OpenAsync(Ct);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO events (partition, position, tenant_id, event_id, type, occurred_at, properties, content_hash, received_at)
            VALUES (0, 999999, 'log-owner', gen_random_uuid(), 'ticket.created', now(), '{}', '\x00', now())
            """, conn))
        {
            await insert.ExecuteNonQueryAsync(Ct);
        }

        foreach (var sql in new[]
        {
            "UPDATE events SET type = 'ticket.reopened' WHERE tenant_id = 'log-owner'",
            "DELETE FROM events WHERE tenant_id = 'log-owner'",
            "TRUNCATE events",
        })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync(Ct));
            Assert.Equal("the event log is append-only: send a new event instead", e.MessageText);
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM events WHERE tenant_id = 'log-owner' AND type = 'ticket.created'", conn);
        Assert.Equal(1L, await count.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task a_final_invoice_period_is_never_reopened_or_removed()
    {
        await using (var insert = db.DataSource.CreateCommand("""
            INSERT INTO invoice_periods (tenant_id, period_start, period_end, status)
            VALUES ('final-period', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', 'final')
            """))
        {
            await insert.ExecuteNonQueryAsync(Ct);
        }

        await using var reopen = db.DataSource.CreateCommand("UPDATE invoice_periods SET status = 'open' WHERE tenant_id = 'final-period'");
        var reopened = await Assert.ThrowsAsync<PostgresException>(() => reopen.ExecuteNonQueryAsync(Ct));
        await using var remove = db.OwnerDataSource.CreateCommand("DELETE FROM invoice_periods WHERE tenant_id = 'final-period'");
        var removed = await Assert.ThrowsAsync<PostgresException>(() => remove.ExecuteNonQueryAsync(Ct));

        Assert.Equal(PostgresErrorCodes.RestrictViolation, reopened.SqlState);
        Assert.StartsWith("the invoice period of tenant final-period starting ", reopened.MessageText, StringComparison.Ordinal);
        Assert.Equal(PostgresErrorCodes.RestrictViolation, removed.SqlState);
    }

    [Fact]
    public async Task the_runtime_role_stands_as_neither_superuser_nor_owner_and_holds_the_runtime_rights()
    {
        var runtime = await RoleStanding.ReadAsync(db.ConnectionString, Ct);
        var owner = await RoleStanding.ReadAsync(db.OwnerConnectionString, Ct);
        var superuser = await RoleStanding.ReadAsync((await SharedPostgres.GetAsync()).ConnectionString(db.Name), Ct);

        Assert.Equal(DatabaseRoles.Runtime, runtime.Role);
        Assert.False(runtime.IsSuperuser);
        Assert.False(runtime.CanCreateRoles);
        Assert.Empty(runtime.OwnedTables);
        Assert.True(runtime.HasRuntimeRights);
        Assert.Equal(DatabaseRoles.Owner, owner.Role);
        Assert.False(owner.IsSuperuser);
        Assert.Contains("charges", owner.OwnedTables);
        Assert.Contains("events", owner.OwnedTables);
        Assert.True(superuser.IsSuperuser);
    }

    private async Task<List<string>> TriggersAsync(string table)
    {
        await using var cmd = db.OwnerDataSource.CreateCommand("SELECT tgname::text FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal ORDER BY 1");
        cmd.Parameters.AddWithValue(table);
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        var names = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
