using Npgsql;
using NpgsqlTypes;
using Witn.Domain.Ingestion;
using Witn.Domain.Webhooks;

namespace Witn.Storage.Webhooks;

/// <summary>
/// Webhook endpoints and their deliveries in PostgreSQL. The dispatcher's steps are single statements: the fan-out
/// turns unpublished outbox rows into deliveries and publishes them in one transaction; a claim leases due
/// deliveries with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent silos never take the same one; a success is one
/// guarded UPDATE that only a pending delivery can take, so it is recorded once.
/// </summary>
public sealed class WebhookStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string EndpointColumns = "id, url, events, tenant_id, created_at, disabled_at";

    private const string DeliveryColumns = """
        d.id, d.endpoint_id, d.outbox_id, o.kind, o.ref, o.tenant_id, d.event_type, d.status, d.attempts, d.next_attempt_at,
        d.last_status_code, d.last_error, d.delivered_at, d.created_at
        """;

    /// <summary>Registers an endpoint with a new secret; returns it and the secret (never readable again through this API).</summary>
    public async Task<(WebhookEndpointRow Endpoint, string Secret)> CreateEndpointAsync(
        string url, IReadOnlyList<string> events, string? tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var now = Now();
        var secret = WebhookSecret.Generate();
        await using var cmd = dataSource.CreateCommand($"""
            INSERT INTO webhook_endpoints (id, url, events, tenant_id, secret, created_at) VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING {EndpointColumns}
            """);
        cmd.Parameters.AddWithValue(Guid.CreateVersion7(now));
        cmd.Parameters.AddWithValue(url);
        cmd.Parameters.AddWithValue(events.ToArray());
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)tenantId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(secret);
        cmd.Parameters.AddWithValue(now);
        return ((await ReadEndpointsAsync(cmd, cancellationToken)).Single(), secret);
    }

    /// <summary>Every endpoint, enabled and disabled, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookEndpointRow>> ListEndpointsAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {EndpointColumns} FROM webhook_endpoints ORDER BY created_at, id");
        return await ReadEndpointsAsync(cmd, cancellationToken);
    }

    /// <summary>
    /// A page of endpoints in creation order (created_at, id), only those registered for <paramref name="tenantId"/>
    /// when it is given: at most <paramref name="limit"/> after the endpoint <paramref name="after"/>; null when that is
    /// no endpoint of the list.
    /// </summary>
    public async Task<IReadOnlyList<WebhookEndpointRow>?> ListEndpointsAsync(string? tenantId, int limit, Guid? after, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {EndpointColumns} FROM webhook_endpoints
            WHERE ($1::text IS NULL OR tenant_id = $1)
              AND ($3::uuid IS NULL OR (created_at, id) > (SELECT created_at, id FROM webhook_endpoints WHERE id = $3 AND ($1::text IS NULL OR tenant_id = $1)))
            ORDER BY created_at, id
            LIMIT $2
            """);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)tenantId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)after ?? DBNull.Value);
        var rows = await ReadEndpointsAsync(cmd, cancellationToken);
        if (rows.Count > 0 || after is not { } id)
        {
            return rows;
        }

        await using var known = dataSource.CreateCommand("SELECT 1 FROM webhook_endpoints WHERE id = $1 AND ($2::text IS NULL OR tenant_id = $2)");
        known.Parameters.AddWithValue(id);
        known.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)tenantId ?? DBNull.Value);
        return await known.ExecuteScalarAsync(cancellationToken) is null ? null : rows;
    }

    /// <summary>Disables an endpoint (a second call keeps the first time); null when no endpoint has that id.</summary>
    public async Task<WebhookEndpointRow?> DisableEndpointAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            UPDATE webhook_endpoints SET disabled_at = COALESCE(disabled_at, $2) WHERE id = $1 RETURNING {EndpointColumns}
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(Now());
        return (await ReadEndpointsAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// Takes up to <paramref name="batchSize"/> unpublished outbox rows in id order, inserts one pending delivery per
    /// (row, enabled endpoint whose events and tenant match) and one export per (row, provider the tenant is exported
    /// to), and marks the rows published, all in one transaction.
    /// Returns how many outbox rows it published (fewer than the batch size: the backlog is empty). Rows another
    /// silo is fanning out are skipped, not waited for.
    /// </summary>
    public async Task<int> FanOutAsync(int batchSize, CancellationToken cancellationToken = default)
    {
        var now = Now();
        await using var cmd = dataSource.CreateCommand("""
            WITH batch AS (
                SELECT id, kind, ref, tenant_id FROM ledger_outbox
                WHERE published_at IS NULL
                ORDER BY id
                LIMIT $1
                FOR UPDATE SKIP LOCKED
            ), fanned AS (
                INSERT INTO webhook_deliveries (id, endpoint_id, outbox_id, event_type, status, next_attempt_at, created_at)
                SELECT gen_random_uuid(), e.id, b.id, t.type, 'pending', $2, $2
                FROM batch b
                JOIN unnest($3::text[], $4::text[]) AS t(kind, type) ON t.kind = b.kind
                JOIN webhook_endpoints e ON e.disabled_at IS NULL AND t.type = ANY (e.events)
                                        AND (e.tenant_id IS NULL OR e.tenant_id = b.tenant_id)
                ORDER BY b.id, e.id
                ON CONFLICT (endpoint_id, outbox_id) DO NOTHING
            ), exported AS (
                -- The same transaction hands finalized invoices to Stripe and settled charges to Lago (ExportStore).
                INSERT INTO exports (id, provider, subject, subject_id, tenant_id, status, next_attempt_at, created_at)
                SELECT gen_random_uuid(), p.provider, p.kind, b.ref, b.tenant_id, 'pending', $2, $2
                FROM batch b
                JOIN (VALUES ('stripe', 'invoice'), ('stripe', 'credit'), ('lago', 'charge')) AS p(provider, kind) ON p.kind = b.kind
                JOIN tenants t ON t.id = b.tenant_id
                WHERE (p.provider = 'stripe' AND t.stripe_customer_id IS NOT NULL
                       -- a credit goes on its own only when it landed after its charge's invoice was final
                       AND (p.kind = 'invoice' OR EXISTS (
                           SELECT 1 FROM credits cr JOIN charges ch ON ch.id = cr.charge_id
                           WHERE cr.id = b.ref AND cr.invoice_period IS DISTINCT FROM ch.invoice_period)))
                   OR (p.provider = 'lago' AND t.lago_customer_id IS NOT NULL)
                ORDER BY b.id
                ON CONFLICT (provider, subject, subject_id) DO NOTHING
            )
            UPDATE ledger_outbox o SET published_at = $2 FROM batch b WHERE o.id = b.id
            """);
        cmd.Parameters.AddWithValue(batchSize);
        cmd.Parameters.AddWithValue(now);
        cmd.Parameters.AddWithValue(WebhookEventTypes.ByKind.Select(k => k.Kind).ToArray());
        cmd.Parameters.AddWithValue(WebhookEventTypes.ByKind.Select(k => k.Type).ToArray());
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Leases up to <paramref name="batchSize"/> due deliveries of enabled endpoints for <paramref name="lease"/>
    /// and counts the attempt. A delivery held by another sender (locked, or its lease not yet over) is skipped; a
    /// sender that dies mid-send loses nothing: once its lease ends, the delivery is due again.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int batchSize, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var token = Guid.CreateVersion7(now);
        await using var cmd = dataSource.CreateCommand("""
            WITH due AS (
                SELECT d.id FROM webhook_deliveries d
                JOIN webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.locked_until IS NULL OR d.locked_until <= $1)
                  AND e.disabled_at IS NULL
                ORDER BY d.next_attempt_at, d.outbox_id
                LIMIT $2
                FOR UPDATE OF d SKIP LOCKED
            ), claimed AS (
                UPDATE webhook_deliveries d SET locked_until = $3, lease_token = $4, attempts = d.attempts + 1
                FROM due WHERE d.id = due.id
                RETURNING d.id, d.endpoint_id, d.outbox_id, d.event_type, d.attempts
            )
            SELECT c.id, c.attempts, e.url, e.secret, c.event_type, o.kind, o.ref, o.tenant_id, o.created_at
            FROM claimed c
            JOIN webhook_endpoints e ON e.id = c.endpoint_id
            JOIN ledger_outbox o ON o.id = c.outbox_id
            ORDER BY c.outbox_id, c.id
            """);
        cmd.Parameters.AddWithValue(now);
        cmd.Parameters.AddWithValue(batchSize);
        cmd.Parameters.AddWithValue(EventTimestamps.Normalize(now + lease));
        cmd.Parameters.AddWithValue(token);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedDelivery>();
        while (await r.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedDelivery(
                r.GetGuid(0), token, r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetGuid(6),
                r.GetString(7), r.GetFieldValue<DateTimeOffset>(8)));
        }

        return claimed;
    }

    /// <summary>
    /// Records a 2xx answer. Only a pending delivery can take it, so however many senders saw a success (a lease that
    /// ran out mid-send, a crash after the answer), one success is recorded; returns whether this call recorded it.
    /// </summary>
    public async Task<bool> RecordSuccessAsync(Guid id, int statusCode, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE webhook_deliveries
            SET status = 'delivered', delivered_at = $2, last_status_code = $3, last_error = NULL, locked_until = NULL, lease_token = NULL
            WHERE id = $1 AND status = 'pending'
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(Now());
        cmd.Parameters.AddWithValue(statusCode);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Records a failed attempt: due again at <paramref name="retryAt"/>, or dead when it is null. Only the holder of
    /// the current lease may do this (never over a success); returns whether this call recorded it.
    /// </summary>
    public async Task<bool> RecordFailureAsync(
        Guid id, Guid leaseToken, int? statusCode, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE webhook_deliveries
            SET status = CASE WHEN $5::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
                next_attempt_at = COALESCE($5::timestamptz, next_attempt_at),
                last_status_code = $3, last_error = $4, locked_until = NULL, lease_token = NULL
            WHERE id = $1 AND lease_token = $2 AND status = 'pending'
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(leaseToken);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Integer, (object?)statusCode ?? DBNull.Value);
        cmd.Parameters.AddWithValue(error);
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, retryAt is { } at ? EventTimestamps.Normalize(at) : DBNull.Value);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Deliveries, newest outbox rows first (outbox_id descending, then endpoint_id), optionally of one status, one
    /// endpoint, and only of endpoints registered for <paramref name="endpointTenantId"/>: at most
    /// <paramref name="limit"/> after the delivery <paramref name="after"/> (keyset on its place in that order); null
    /// when <paramref name="after"/> is no delivery the caller may see.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>?> ListDeliveriesAsync(
        WebhookDeliveryStatus? status, Guid? endpointId, string? endpointTenantId, int limit, Guid? after = null, CancellationToken cancellationToken = default)
    {
        long? cursorOutbox = null;
        Guid? cursorEndpoint = null;
        if (after is { } afterId)
        {
            await using var find = dataSource.CreateCommand("""
                SELECT d.outbox_id, d.endpoint_id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.id = $1 AND ($2::text IS NULL OR e.tenant_id = $2)
                """);
            find.Parameters.AddWithValue(afterId);
            find.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)endpointTenantId ?? DBNull.Value);
            await using var found = await find.ExecuteReaderAsync(cancellationToken);
            if (!await found.ReadAsync(cancellationToken))
            {
                return null;
            }

            (cursorOutbox, cursorEndpoint) = (found.GetInt64(0), found.GetGuid(1));
        }

        await using var cmd = dataSource.CreateCommand($"""
            SELECT {DeliveryColumns} FROM webhook_deliveries d
            JOIN ledger_outbox o ON o.id = d.outbox_id
            JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE ($1::text IS NULL OR d.status = $1) AND ($2::uuid IS NULL OR d.endpoint_id = $2)
              AND ($3::text IS NULL OR e.tenant_id = $3)
              AND ($5::bigint IS NULL OR d.outbox_id < $5 OR (d.outbox_id = $5 AND d.endpoint_id > $6))
            ORDER BY d.outbox_id DESC, d.endpoint_id
            LIMIT $4
            """);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, status is { } s ? StatusText(s) : DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)endpointId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)endpointTenantId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)cursorOutbox ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)cursorEndpoint ?? DBNull.Value);
        return await ReadDeliveriesAsync(cmd, cancellationToken);
    }

    public async Task<WebhookDeliveryRow?> GetDeliveryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {DeliveryColumns} FROM webhook_deliveries d JOIN ledger_outbox o ON o.id = d.outbox_id WHERE d.id = $1");
        cmd.Parameters.AddWithValue(id);
        return (await ReadDeliveriesAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// Queues a delivered or dead delivery again, due now with a fresh attempt budget; the event id stays the same,
    /// so a receiver that already has it can drop the repeat. A pending one, or one of a disabled endpoint, is left as is.
    /// </summary>
    public async Task<(WebhookReplayStatus Status, WebhookDeliveryRow? Delivery)> ReplayAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using (var cmd = dataSource.CreateCommand("""
            UPDATE webhook_deliveries d
            SET status = 'pending', attempts = 0, next_attempt_at = $2, locked_until = NULL, lease_token = NULL, delivered_at = NULL
            FROM webhook_endpoints e
            WHERE d.id = $1 AND e.id = d.endpoint_id AND e.disabled_at IS NULL AND d.status IN ('delivered', 'dead')
            """))
        {
            cmd.Parameters.AddWithValue(id);
            cmd.Parameters.AddWithValue(Now());
            if (await cmd.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return (WebhookReplayStatus.Replayed, await GetDeliveryAsync(id, cancellationToken));
            }
        }

        var delivery = await GetDeliveryAsync(id, cancellationToken);
        return delivery switch
        {
            null => (WebhookReplayStatus.NotFound, null),
            { Status: WebhookDeliveryStatus.Pending } => (WebhookReplayStatus.AlreadyPending, delivery),
            _ => (WebhookReplayStatus.EndpointDisabled, delivery),
        };
    }

    /// <summary>
    /// A finalized invoice's document (outbox kind <c>invoice</c>), as JSON text, or null when it does not exist.
    /// The <c>invoices</c> table comes with the invoicing migration; this is the only statement that reads it.
    /// </summary>
    public async Task<string?> GetInvoiceDocumentAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT document::text FROM invoices WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteScalarAsync(cancellationToken) as string;
    }

    public static string StatusText(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => "pending",
        WebhookDeliveryStatus.Delivered => "delivered",
        WebhookDeliveryStatus.Dead => "dead",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown delivery status"),
    };

    private static WebhookDeliveryStatus ParseStatus(string text) => text switch
    {
        "pending" => WebhookDeliveryStatus.Pending,
        "delivered" => WebhookDeliveryStatus.Delivered,
        "dead" => WebhookDeliveryStatus.Dead,
        _ => throw new InvalidOperationException($"unknown webhook delivery status '{text}' in the database"),
    };

    private DateTimeOffset Now() => EventTimestamps.Normalize(time.GetUtcNow());

    private static async Task<List<WebhookEndpointRow>> ReadEndpointsAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<WebhookEndpointRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new WebhookEndpointRow(
                r.GetGuid(0),
                r.GetString(1),
                r.GetFieldValue<string[]>(2),
                r.IsDBNull(3) ? null : r.GetString(3),
                r.GetFieldValue<DateTimeOffset>(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows;
    }

    private static async Task<List<WebhookDeliveryRow>> ReadDeliveriesAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<WebhookDeliveryRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new WebhookDeliveryRow(
                r.GetGuid(0),
                r.GetGuid(1),
                r.GetInt64(2),
                r.GetString(3),
                r.GetGuid(4),
                r.GetString(5),
                r.GetString(6),
                ParseStatus(r.GetString(7)),
                r.GetInt32(8),
                r.GetFieldValue<DateTimeOffset>(9),
                r.IsDBNull(10) ? null : r.GetInt32(10),
                r.IsDBNull(11) ? null : r.GetString(11),
                r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12),
                r.GetFieldValue<DateTimeOffset>(13)));
        }

        return rows;
    }
}
