using Npgsql;
using NpgsqlTypes;
using Witn.Domain.Disputes;
using Witn.Domain.Ingestion;
using Witn.Domain.Webhooks;
using Witn.Storage.Ledger;
using Witn.Storage.Quality;

namespace Witn.Storage.Disputes;

/// <summary>
/// Disputes in PostgreSQL. A change is one transaction: the dispute row (guarded by its version), its history row,
/// the webhook outbox rows naming that history row, and the ledger credit it issues (the ledger's own credit
/// statement), so a crash can never leave a credited dispute without its credit or a credit without its dispute.
/// </summary>
public sealed class DisputeStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = "state::text, version";

    // Open and missed a due date (announced or not yet): what "overdue" means in lists and filters.
    private const string OverdueSql = """
        (status IN ('open', 'under_review') AND (overdue_at IS NOT NULL OR (acknowledged_at IS NULL AND ack_due_by < $now) OR resolve_due_by < $now))
        """;

    // An opening counts in its charge's quality cell (docs/quality.md); the charge counts as disputed with its first
    // dispute (the statement's snapshot does not see the row being inserted). $3 is the charge.
    private static readonly string OpenQuality = $"""
        WITH quality AS (
            {QualitySql.Add("quality_counters", $"""
                SELECT {QualitySql.ChargeCell}, 1, (NOT EXISTS (SELECT 1 FROM disputes x WHERE x.charge_id = ch.id))::int
                FROM charges ch {QualitySql.OutcomeOfCharge}
                WHERE ch.id = $3 AND {QualitySql.Counted}
                """, ["disputes", "disputed_charges"])}
        )

        """;

    /// <summary>The charge's disputes, oldest first.</summary>
    public async Task<IReadOnlyList<DisputeRecord>> ListByChargeAsync(Guid chargeId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM disputes WHERE charge_id = $1 ORDER BY opened_at, id");
        cmd.Parameters.AddWithValue(chargeId);
        return await ReadAsync(cmd, cancellationToken);
    }

    public async Task<DisputeRecord?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM disputes WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return (await ReadAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// Up to <paramref name="limit"/> of the tenant's disputes by (opened_at, id) after the dispute <paramref name="after"/>,
    /// with the status and overdue (at <paramref name="now"/>) filters when given; null when <paramref name="after"/> is
    /// no dispute of the tenant.
    /// </summary>
    public async Task<IReadOnlyList<DisputeRecord>?> ListAsync(
        string tenantId, DisputeStatus? status, bool? overdue, DateTimeOffset now, int limit, Guid? after, CancellationToken cancellationToken = default)
    {
        DateTimeOffset? cursor = null;
        if (after is { } a)
        {
            await using var find = dataSource.CreateCommand("SELECT opened_at FROM disputes WHERE id = $1 AND tenant_id = $2");
            find.Parameters.AddWithValue(a);
            find.Parameters.AddWithValue(tenantId);
            if (await find.ExecuteScalarAsync(cancellationToken) is not DateTime at)
            {
                return null;
            }

            cursor = new DateTimeOffset(at, TimeSpan.Zero);
        }

        await using var cmd = dataSource.CreateCommand($"""
            SELECT {Columns} FROM disputes
            WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::boolean IS NULL OR {OverdueSql.Replace("$now", "$4", StringComparison.Ordinal)} = $3)
              AND ($5::timestamptz IS NULL OR (opened_at, id) > ($5, $6::uuid))
            ORDER BY opened_at, id
            LIMIT $7
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, status is { } s ? DisputeNames.Of(s) : DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Boolean, overdue is { } o ? o : DBNull.Value);
        cmd.Parameters.AddWithValue(EventTimestamps.Normalize(now).ToUniversalTime());
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, cursor is { } c ? c : DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, after is { } id ? id : DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        return await ReadAsync(cmd, cancellationToken);
    }

    /// <summary>
    /// The charges with an open dispute past a due date at <paramref name="now"/> and not yet announced overdue: of
    /// one sandbox tenant (<paramref name="sandboxTenant"/>, on its test clock), or of every live tenant (null).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ListOverdueChargesAsync(string? sandboxTenant, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT DISTINCT d.charge_id FROM disputes d
            WHERE d.status IN ('open', 'under_review') AND d.overdue_at IS NULL
              AND ((d.acknowledged_at IS NULL AND d.ack_due_by < $1) OR d.resolve_due_by < $1)
              AND (($2::text IS NOT NULL AND d.tenant_id = $2)
                   OR ($2::text IS NULL AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = d.tenant_id AND NOT t.sandbox)))
            LIMIT $3
            """);
        cmd.Parameters.AddWithValue(EventTimestamps.Normalize(now).ToUniversalTime());
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)sandboxTenant ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        var charges = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            charges.Add(reader.GetGuid(0));
        }

        return charges;
    }

    /// <summary>
    /// Commits one change (see the type's summary) and returns the dispute's new version and the credit, if it issued
    /// one (a credit already written for this dispute is returned, not written again).
    /// </summary>
    /// <exception cref="DisputeConflictException">The dispute changed since <see cref="DisputeWrite.ExpectedVersion"/>, or another dispute is open on the charge.</exception>
    public async Task<(int Version, CreditRow? Credit)> SaveAsync(DisputeWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var d = write.Dispute;
        var now = EventTimestamps.Normalize(time.GetUtcNow());
        var version = write.ExpectedVersion + 1;
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var row = new NpgsqlCommand(write.ExpectedVersion == 0
                ? OpenQuality + """
                  INSERT INTO disputes (id, tenant_id, charge_id, outcome, correlation, status, reason, amount_minor, currency, opened_at,
                                        ack_due_by, resolve_due_by, acknowledged_at, resolved_at, overdue_at, credit_id, credited_minor,
                                        version, state, updated_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19::jsonb, $20)
                  """
                : """
                  UPDATE disputes SET status = $6, acknowledged_at = $13, resolved_at = $14, overdue_at = $15, credit_id = $16,
                                      credited_minor = $17, version = $18, state = $19::jsonb, updated_at = $20
                  WHERE id = $1 AND version = $21
                  """, conn, tx))
            {
                row.Parameters.AddWithValue(d.Id);
                row.Parameters.AddWithValue(d.TenantId);
                row.Parameters.AddWithValue(d.ChargeId);
                row.Parameters.AddWithValue(d.Outcome);
                row.Parameters.AddWithValue(d.Correlation);
                row.Parameters.AddWithValue(DisputeNames.Of(d.Status));
                row.Parameters.AddWithValue(DisputeNames.Of(d.Reason));
                row.Parameters.AddWithValue(Money.ToMinorUnits(d.Amount, d.Currency));
                row.Parameters.AddWithValue(d.Currency);
                row.Parameters.AddWithValue(d.OpenedAt.ToUniversalTime());
                row.Parameters.AddWithValue(d.AckDueBy.ToUniversalTime());
                row.Parameters.AddWithValue(d.ResolveDueBy.ToUniversalTime());
                row.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, d.AcknowledgedAt is { } ack ? ack.ToUniversalTime() : DBNull.Value);
                row.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, d.Closed ? (d.Resolution?.At ?? now).ToUniversalTime() : DBNull.Value);
                row.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, d.OverdueNotifiedAt is { } late ? late.ToUniversalTime() : DBNull.Value);
                row.Parameters.AddWithValue(NpgsqlDbType.Uuid, d.Resolution?.CreditId is { } creditId ? creditId : DBNull.Value);
                row.Parameters.AddWithValue(NpgsqlDbType.Bigint, d.Resolution is { Decision: DisputeDecisionKind.Credit } r ? Money.ToMinorUnits(r.Amount, d.Currency) : DBNull.Value);
                row.Parameters.AddWithValue(version);
                row.Parameters.AddWithValue(DisputeStateJson.Write(d));
                row.Parameters.AddWithValue(now);
                if (write.ExpectedVersion != 0)
                {
                    row.Parameters.AddWithValue(write.ExpectedVersion);
                }

                if (await row.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    throw new DisputeConflictException($"dispute {d.Id} changed since version {write.ExpectedVersion}");
                }
            }

            CreditRow? credited = null;
            if (write.Credit is { } credit)
            {
                (credited, _) = await LedgerStore.InsertCreditAsync(conn, tx, credit, now, cancellationToken);
            }

            var historyId = Guid.CreateVersion7(now);
            await using (var history = new NpgsqlCommand("""
                WITH h AS (
                    INSERT INTO dispute_history (id, dispute_id, tenant_id, seq, change, actor, at, overdue, state)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
                    RETURNING id, tenant_id, at
                )
                INSERT INTO ledger_outbox (kind, ref, tenant_id, created_at)
                SELECT k.kind, h.id, h.tenant_id, h.at FROM h, unnest($10::text[]) WITH ORDINALITY AS k(kind, ord) ORDER BY k.ord
                """, conn, tx))
            {
                history.Parameters.AddWithValue(historyId);
                history.Parameters.AddWithValue(d.Id);
                history.Parameters.AddWithValue(d.TenantId);
                history.Parameters.AddWithValue(version);
                history.Parameters.AddWithValue(write.Change);
                history.Parameters.AddWithValue(write.Actor);
                history.Parameters.AddWithValue(now);
                history.Parameters.AddWithValue(write.Overdue);
                history.Parameters.AddWithValue(DisputeStateJson.Write(d));
                history.Parameters.AddWithValue(write.Notifications.Select(WebhookEventTypes.KindOf).ToArray());
                await history.ExecuteNonQueryAsync(cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
            return (version, credited);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "disputes_one_open_per_charge")
        {
            throw new DisputeConflictException($"charge {d.ChargeId} has another open dispute", e);
        }
    }

    /// <summary>A dispute as a webhook announced it (outbox kinds dispute_*): the state after that change and whether it was overdue.</summary>
    public async Task<(Dispute Dispute, bool Overdue)?> GetHistoryAsync(Guid historyId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT state::text, overdue FROM dispute_history WHERE id = $1");
        cmd.Parameters.AddWithValue(historyId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (DisputeStateJson.Read(reader.GetString(0)), reader.GetBoolean(1)) : null;
    }

    private static async Task<List<DisputeRecord>> ReadAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        var rows = new List<DisputeRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DisputeRecord(DisputeStateJson.Read(reader.GetString(0)), reader.GetInt32(1)));
        }

        return rows;
    }
}
