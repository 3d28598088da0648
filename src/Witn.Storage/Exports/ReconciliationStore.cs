using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Witn.Domain.Ingestion;

namespace Witn.Storage.Exports;

/// <summary>
/// Reconciliation runs and their findings (migration 0027). A run is claimed by one silo under a lease; its findings
/// are written with its status in one transaction, so a run reads either nothing or everything it found.
/// </summary>
public sealed class ReconciliationStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = "id, provider, period_start, tenants, trigger, status, error, counts::text, created_at, finished_at";

    private DateTimeOffset Now() => EventTimestamps.Normalize(time.GetUtcNow());

    public async Task<ReconciliationRow> CreateAsync(string provider, DateOnly? period, string[]? tenants, string trigger, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            INSERT INTO reconciliations (id, provider, period_start, tenants, trigger, status, created_at)
            VALUES ($1, $2, $3, $4, $5, 'pending', $6) RETURNING {Columns}
            """);
        var now = Now();
        cmd.Parameters.AddWithValue(Guid.CreateVersion7(now));
        cmd.Parameters.AddWithValue(provider);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Date, period is { } p ? p : DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, (object?)tenants ?? DBNull.Value);
        cmd.Parameters.AddWithValue(trigger);
        cmd.Parameters.AddWithValue(now);
        return (await ReadAsync(cmd, cancellationToken)).Single();
    }

    /// <summary>Asks for the day's run of <paramref name="provider"/> unless one was already asked for since <paramref name="since"/>.</summary>
    public async Task<bool> EnsureDailyAsync(string provider, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO reconciliations (id, provider, trigger, status, created_at)
            SELECT $1, $2, 'daily', 'pending', $3
            WHERE NOT EXISTS (SELECT 1 FROM reconciliations WHERE provider = $2 AND trigger = 'daily' AND created_at >= $4)
            """);
        var now = Now();
        cmd.Parameters.AddWithValue(Guid.CreateVersion7(now));
        cmd.Parameters.AddWithValue(provider);
        cmd.Parameters.AddWithValue(now);
        cmd.Parameters.AddWithValue(EventTimestamps.Normalize(since));
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<ReconciliationRow?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM reconciliations WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return (await ReadAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Takes the oldest run that is pending (or running under a lease that ran out: its silo died) for <paramref name="lease"/>.</summary>
    public async Task<(ReconciliationRow Run, Guid LeaseToken)?> ClaimAsync(TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var token = Guid.CreateVersion7(now);
        await using var cmd = dataSource.CreateCommand($"""
            WITH next AS (
                SELECT id FROM reconciliations
                WHERE status = 'pending' OR (status = 'running' AND locked_until <= $1)
                ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED
            )
            UPDATE reconciliations r SET status = 'running', locked_until = $2, lease_token = $3 FROM next WHERE r.id = next.id
            RETURNING {string.Join(", ", Columns.Split(", ").Select(c => "r." + c))}
            """);
        cmd.Parameters.AddWithValue(now);
        cmd.Parameters.AddWithValue(EventTimestamps.Normalize(now + lease));
        cmd.Parameters.AddWithValue(token);
        return (await ReadAsync(cmd, cancellationToken)).SingleOrDefault() is { } run ? (run, token) : null;
    }

    /// <summary>Writes a finished run's findings, counts and status in one transaction (replacing what an earlier, crashed attempt wrote).</summary>
    public async Task<bool> FinishAsync(Guid id, Guid leaseToken, IReadOnlyList<ReconciliationFindingRow> findings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(findings);
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        // Only the claim that still holds the run writes it (a run whose lease ran out may be run by another silo).
        await using (var held = new NpgsqlCommand("SELECT 1 FROM reconciliations WHERE id = $1 AND status = 'running' AND lease_token = $2 FOR UPDATE", conn, tx))
        {
            held.Parameters.AddWithValue(id);
            held.Parameters.AddWithValue(leaseToken);
            if (await held.ExecuteScalarAsync(cancellationToken) is null)
            {
                return false;
            }
        }

        await using (var clear = new NpgsqlCommand("DELETE FROM reconciliation_findings WHERE reconciliation_id = $1", conn, tx))
        {
            clear.Parameters.AddWithValue(id);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var writer = await conn.BeginBinaryImportAsync(
            "COPY reconciliation_findings (reconciliation_id, seq, tenant_id, invoice_id, invoice_number, line, kind, ledger_minor, provider_minor, currency, provider_ref, note) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var f in findings)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(f.Seq, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(f.TenantId, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(writer, f.InvoiceId, NpgsqlDbType.Uuid, cancellationToken);
                await WriteNullableAsync(writer, f.InvoiceNumber, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(writer, f.Line, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(f.Kind, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(writer, f.LedgerMinor, NpgsqlDbType.Bigint, cancellationToken);
                await WriteNullableAsync(writer, f.ProviderMinor, NpgsqlDbType.Bigint, cancellationToken);
                await WriteNullableAsync(writer, f.Currency, NpgsqlDbType.Char, cancellationToken);
                await WriteNullableAsync(writer, f.ProviderRef, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(writer, f.Note, NpgsqlDbType.Text, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        var counts = findings.GroupBy(f => f.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        await using (var done = new NpgsqlCommand("UPDATE reconciliations SET status = 'done', counts = $2::jsonb, finished_at = $3, locked_until = NULL, error = NULL WHERE id = $1", conn, tx))
        {
            done.Parameters.AddWithValue(id);
            done.Parameters.AddWithValue(JsonSerializer.Serialize(counts));
            done.Parameters.AddWithValue(Now());
            await done.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Ends a run that could not be completed (the provider unreachable all along, say), with the reason.</summary>
    public async Task FailAsync(Guid id, Guid leaseToken, string error, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE reconciliations SET status = 'failed', error = $2, finished_at = $3, locked_until = NULL WHERE id = $1 AND status = 'running' AND lease_token = $4");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(error);
        cmd.Parameters.AddWithValue(Now());
        cmd.Parameters.AddWithValue(leaseToken);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReconciliationFindingRow>> FindingsAsync(Guid id, string? kind, string? tenant, int afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT seq, tenant_id, invoice_id, invoice_number, line, kind, ledger_minor, provider_minor, currency::text, provider_ref, note
            FROM reconciliation_findings
            WHERE reconciliation_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR tenant_id = $3) AND seq > $4
            ORDER BY seq LIMIT $5
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)kind ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)tenant ?? DBNull.Value);
        cmd.Parameters.AddWithValue(afterSeq);
        cmd.Parameters.AddWithValue(limit);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<ReconciliationFindingRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(new ReconciliationFindingRow(
                r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetGuid(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetInt32(4),
                r.GetString(5), r.IsDBNull(6) ? null : r.GetInt64(6), r.IsDBNull(7) ? null : r.GetInt64(7), r.IsDBNull(8) ? null : r.GetString(8).Trim(),
                r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10)));
        }

        return list;
    }

    /// <summary>
    /// The tenant's lines that the latest finished reconciliation of each provider over every period (the daily run,
    /// or one asked for without a period: a run of one period cannot clear another's mismatch) found not matching: the alert metric
    /// <c>reconciliation_mismatches</c> (0 once a later run finds them matched).
    /// </summary>
    public async Task<long> CountMismatchesAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT count(*) FROM reconciliation_findings f
            WHERE f.tenant_id = $1 AND f.kind <> 'matched' AND f.reconciliation_id IN (
                SELECT DISTINCT ON (provider) id FROM reconciliations
                WHERE status = 'done' AND period_start IS NULL AND (tenants IS NULL OR $1 = ANY (tenants))
                ORDER BY provider, finished_at DESC)
            """);
        cmd.Parameters.AddWithValue(tenant);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await writer.WriteAsync(value, type, cancellationToken);
        }
    }

    private static async Task<List<ReconciliationRow>> ReadAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<ReconciliationRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(new ReconciliationRow(
                r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2), r.IsDBNull(3) ? null : r.GetFieldValue<string[]>(3),
                r.GetString(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
                JsonSerializer.Deserialize<Dictionary<string, long>>(r.GetString(7)) ?? [],
                r.GetFieldValue<DateTimeOffset>(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9)));
        }

        return list;
    }
}
