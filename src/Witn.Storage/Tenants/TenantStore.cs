using Npgsql;
using Witn.Domain.Tenants;

namespace Witn.Storage.Tenants;

/// <summary>Tenants in PostgreSQL. Low-rate data: plain statements.</summary>
public sealed class TenantStore(NpgsqlDataSource dataSource)
{
    /// <summary>Every change to a tenant row is announced on this channel (payload: the tenant id), so silos drop cached copies.</summary>
    public const string Channel = "witn_tenants";

    private const string Columns =
        "id, name, time_zone, sandbox, clock_start, clock_now, backfill_limit, created_at, updated_at, auto_finalize, finalize_grace_seconds, " +
        "dispute_ack_within_seconds, dispute_resolve_within_seconds, dispute_approval_limit, " +
        "stripe_customer_id, stripe_collection, stripe_days_until_due, stripe_auto_advance, lago_customer_id";

    public async Task<Tenant?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM tenants WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM tenants ORDER BY id");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var tenants = new List<Tenant>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tenants.Add(Read(reader));
        }

        return tenants;
    }

    /// <summary>A page of tenants by id: at most <paramref name="limit"/> whose id sorts after <paramref name="after"/>, only <paramref name="only"/> when it is given.</summary>
    public async Task<IReadOnlyList<Tenant>> ListAsync(string? only, int limit, string? after, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM tenants WHERE ($1::text IS NULL OR id = $1) AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3");
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)only ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)after ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var tenants = new List<Tenant>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tenants.Add(Read(reader));
        }

        return tenants;
    }

    /// <summary>Inserts or replaces the tenant row; returns true when it was created.</summary>
    public async Task<bool> SaveAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            INSERT INTO tenants ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone,
                clock_now = EXCLUDED.clock_now, backfill_limit = EXCLUDED.backfill_limit, updated_at = EXCLUDED.updated_at,
                auto_finalize = EXCLUDED.auto_finalize, finalize_grace_seconds = EXCLUDED.finalize_grace_seconds,
                dispute_ack_within_seconds = EXCLUDED.dispute_ack_within_seconds,
                dispute_resolve_within_seconds = EXCLUDED.dispute_resolve_within_seconds, dispute_approval_limit = EXCLUDED.dispute_approval_limit,
                stripe_customer_id = EXCLUDED.stripe_customer_id, stripe_collection = EXCLUDED.stripe_collection,
                stripe_days_until_due = EXCLUDED.stripe_days_until_due, stripe_auto_advance = EXCLUDED.stripe_auto_advance,
                lago_customer_id = EXCLUDED.lago_customer_id
            RETURNING (xmax = 0)
            """);
        cmd.Parameters.AddWithValue(tenant.Id);
        cmd.Parameters.AddWithValue(tenant.Name);
        cmd.Parameters.AddWithValue(tenant.TimeZone);
        cmd.Parameters.AddWithValue(tenant.Sandbox);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)tenant.ClockStart ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)tenant.ClockNow ?? DBNull.Value);
        cmd.Parameters.AddWithValue(tenant.BackfillLimit);
        cmd.Parameters.AddWithValue(tenant.CreatedAt);
        cmd.Parameters.AddWithValue(tenant.UpdatedAt);
        cmd.Parameters.AddWithValue(tenant.AutoFinalize);
        cmd.Parameters.AddWithValue((long)tenant.FinalizeGrace.TotalSeconds);
        cmd.Parameters.AddWithValue((long)tenant.DisputeTerms.AckWithin.TotalSeconds);
        cmd.Parameters.AddWithValue((long)tenant.DisputeTerms.ResolveWithin.TotalSeconds);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Numeric, (object?)tenant.DisputeTerms.ApprovalLimit ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)tenant.Stripe?.CustomerId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)tenant.Stripe?.CollectionName ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Integer, (object?)tenant.Stripe?.DaysUntilDue ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Boolean, (object?)tenant.Stripe?.AutoAdvance ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)tenant.Lago?.ExternalCustomerId ?? DBNull.Value);
        var created = await cmd.ExecuteScalarAsync(cancellationToken) is true;
        await NotifyAsync(tenant.Id, cancellationToken);
        return created;
    }

    /// <summary>
    /// Moves a sandbox tenant's clock forward to <paramref name="to"/> (an equal instant is allowed, an earlier one
    /// is not); returns the tenant as stored afterwards, or null when no sandbox tenant with a clock at or before
    /// <paramref name="to"/> exists.
    /// </summary>
    public async Task<Tenant?> AdvanceClockAsync(string id, DateTimeOffset to, DateTimeOffset updatedAt, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            WITH moved AS (
                UPDATE tenants SET clock_now = $2, updated_at = $3
                WHERE id = $1 AND sandbox AND clock_now <= $2
                RETURNING {Columns}
            ), recorded AS (
                -- Replay decides a sandbox tenant's outcomes at the moments its clock moved (docs/simulation.md).
                INSERT INTO tenant_clock_advances (tenant_id, advanced_at, clock_now)
                SELECT id, $3, $2 FROM moved
                ON CONFLICT DO NOTHING
            )
            SELECT * FROM moved
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(to.ToUniversalTime());
        cmd.Parameters.AddWithValue(updatedAt.ToUniversalTime());
        Tenant? moved;
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            moved = await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }

        if (moved is not null)
        {
            await NotifyAsync(id, cancellationToken);
        }

        return moved;
    }

    private async Task NotifyAsync(string id, CancellationToken cancellationToken)
    {
        await using var notify = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
        notify.Parameters.AddWithValue(Channel);
        notify.Parameters.AddWithValue(id);
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The log position through which the tenant's events have been routed (0 when unknown).</summary>
    public async Task<long> GetRoutedThroughAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT routed_through FROM tenants WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteScalarAsync(cancellationToken) is long position ? position : 0;
    }

    /// <summary>Records routing progress; an older position (a late save) never moves it back.</summary>
    public async Task SaveRoutedThroughAsync(string id, long position, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE tenants SET routed_through = greatest(routed_through, $2) WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(position);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Tenant Read(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetBoolean(3),
        r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
        r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5),
        r.GetFieldValue<TimeSpan>(6),
        r.GetFieldValue<DateTimeOffset>(7),
        r.GetFieldValue<DateTimeOffset>(8),
        r.GetBoolean(9),
        TimeSpan.FromSeconds(r.GetInt64(10)),
        Tenant.OwnTerms(new Witn.Domain.Disputes.DisputeSettings(TimeSpan.FromSeconds(r.GetInt64(11)), TimeSpan.FromSeconds(r.GetInt64(12)), r.IsDBNull(13) ? null : r.GetDecimal(13))),
        r.IsDBNull(14) ? null : new Witn.Domain.Exports.StripeBilling(
            r.GetString(14),
            r.GetString(15) == "send_invoice" ? Witn.Domain.Exports.StripeCollection.SendInvoice : Witn.Domain.Exports.StripeCollection.ChargeAutomatically,
            r.IsDBNull(16) ? null : r.GetInt32(16),
            r.GetBoolean(17)),
        r.IsDBNull(18) ? null : new Witn.Domain.Exports.LagoBilling(r.GetString(18)));
}
