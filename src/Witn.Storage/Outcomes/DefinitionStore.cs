using Npgsql;
using Witn.Domain.Common;
using Witn.Domain.Definitions;
using Witn.Domain.Ingestion;

namespace Witn.Storage.Outcomes;

/// <summary>
/// Outcome definitions and their immutable versions in PostgreSQL. Low-rate data: plain statements.
/// Every change sends <see cref="Channel"/> NOTIFY (payload: the name) in its own transaction, after the
/// change, so a listener that reloads on the notification always reads the committed change.
/// </summary>
public sealed class DefinitionStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string Channel = "witn_outcome_definitions";

    private const string DefinitionColumns = "d.name, d.status, d.latest_version, d.revision, d.created_at, d.updated_at, d.active_from";
    private const string VersionColumns = "v.name, v.version, v.content_hash, v.canonical_json, v.listened_types, v.source_text, v.source_format, v.published_at";

    /// <summary>
    /// Appends the content as version n + 1, or returns the latest version when its hash is the same (a no-op,
    /// the same rule as <see cref="DefinitionHistory.Publish"/>). The name's row is locked for the transaction,
    /// so concurrent publishers on any silo are serialized by the database, not by a grain.
    /// A new definition starts <see cref="DefinitionStatus.Active"/>.
    /// </summary>
    public async Task<PublishedDefinition> PublishAsync(NewDefinitionVersion content, CancellationToken cancellationToken = default)
    {
        var now = EventTimestamps.Normalize(time.GetUtcNow());
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);

        // A concurrent first publish of the same name waits here on the unique key, then finds the row.
        await using (var ensure = new NpgsqlCommand(
            "INSERT INTO outcome_definitions (name, status, latest_version, revision, created_at, updated_at) VALUES ($1, 'active', 0, 0, $2, $2) ON CONFLICT (name) DO NOTHING",
            conn, tx))
        {
            ensure.Parameters.AddWithValue(content.Name);
            ensure.Parameters.AddWithValue(now);
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }

        DefinitionRow definition;
        await using (var lockRow = new NpgsqlCommand($"SELECT {DefinitionColumns} FROM outcome_definitions d WHERE d.name = $1 FOR UPDATE", conn, tx))
        {
            lockRow.Parameters.AddWithValue(content.Name);
            await using var reader = await lockRow.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            definition = ReadDefinition(reader, 0);
        }

        if (definition.LatestVersion > 0)
        {
            var latest = await ReadVersionAsync(conn, tx, content.Name, definition.LatestVersion, cancellationToken)
                ?? throw new InvalidDataException($"outcome definition '{content.Name}' names version {definition.LatestVersion}, which does not exist");
            if (string.Equals(latest.ContentHash, content.ContentHash, StringComparison.Ordinal))
            {
                await tx.CommitAsync(cancellationToken);
                return new PublishedDefinition(definition, latest, Created: false);
            }
        }

        var version = new DefinitionVersionRow(content.Name, definition.LatestVersion + 1, content.ContentHash, content.CanonicalJson,
            [.. content.ListenedTypes], content.SourceText, content.SourceFormat, now);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO outcome_definition_versions (name, version, content_hash, canonical_json, listened_types, source_text, source_format, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            conn, tx))
        {
            insert.Parameters.AddWithValue(version.Name);
            insert.Parameters.AddWithValue(version.Version);
            insert.Parameters.AddWithValue(version.ContentHash);
            insert.Parameters.AddWithValue(version.CanonicalJson);
            insert.Parameters.AddWithValue(version.ListenedTypes.ToArray());
            insert.Parameters.AddWithValue(version.SourceText);
            insert.Parameters.AddWithValue(FormatName(version.SourceFormat));
            insert.Parameters.AddWithValue(version.PublishedAt);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        definition = await UpdateDefinitionAsync(conn, tx, content.Name, "latest_version = $2", version.Version, now, cancellationToken)
            ?? throw new InvalidOperationException("the locked definition row disappeared");
        await tx.CommitAsync(cancellationToken);
        return new PublishedDefinition(definition, version, Created: true);
    }

    /// <summary>
    /// Sets the status; null when the name is unknown. Setting the status it already has changes nothing. A status
    /// set this way holds for every outcome: it clears a promotion's active_from.
    /// </summary>
    public async Task<StoredDefinition?> SetStatusAsync(string name, DefinitionStatus status, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var current = await FindAsync(conn, tx, name, forUpdate: true, cancellationToken);
        if (current is null || (current.Definition.Status == status && current.Definition.ActiveFrom is null))
        {
            await tx.CommitAsync(cancellationToken);
            return current;
        }

        var updated = await UpdateDefinitionAsync(conn, tx, name, "status = $2, active_from = NULL", DefinitionStatuses.ToName(status), EventTimestamps.Normalize(time.GetUtcNow()), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return current with { Definition = updated! };
    }

    /// <summary>
    /// Promotes a shadow definition: active from <paramref name="at"/>, status and boundary in one statement (with the
    /// revision bump and the notification). Null when the name is unknown; the definition unchanged when it is not
    /// shadow (the caller reports that).
    /// </summary>
    public async Task<StoredDefinition?> PromoteAsync(string name, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var current = await FindAsync(conn, tx, name, forUpdate: true, cancellationToken);
        if (current is null || current.Definition.Status != DefinitionStatus.Shadow)
        {
            await tx.CommitAsync(cancellationToken);
            return current;
        }

        var updated = await UpdateDefinitionAsync(conn, tx, name, "status = 'active', active_from = $2", EventTimestamps.Normalize(at), EventTimestamps.Normalize(time.GetUtcNow()), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return current with { Definition = updated! };
    }

    public async Task<StoredDefinition?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(conn, null, name, forUpdate: false, cancellationToken);
    }

    public async Task<DefinitionVersionRow?> FindVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadVersionAsync(conn, null, name, version, cancellationToken);
    }

    /// <summary>Every definition with its latest version, by name.</summary>
    public async Task<IReadOnlyList<StoredDefinition>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"SELECT {DefinitionColumns}, {VersionColumns} FROM outcome_definitions d JOIN outcome_definition_versions v ON v.name = d.name AND v.version = d.latest_version ORDER BY d.name");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<StoredDefinition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StoredDefinition(ReadDefinition(reader, 0), ReadVersion(reader, 7)));
        }

        return rows;
    }

    /// <summary>A page of <see cref="ListAsync(CancellationToken)"/>: at most <paramref name="limit"/> definitions whose name sorts after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<StoredDefinition>> ListAsync(int limit, string? after, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"SELECT {DefinitionColumns}, {VersionColumns} FROM outcome_definitions d JOIN outcome_definition_versions v ON v.name = d.name AND v.version = d.latest_version WHERE ($1::text IS NULL OR d.name > $1) ORDER BY d.name LIMIT $2");
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)after ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<StoredDefinition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StoredDefinition(ReadDefinition(reader, 0), ReadVersion(reader, 7)));
        }

        return rows;
    }

    private static async Task<StoredDefinition?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string name, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(
            $"SELECT {DefinitionColumns}, {VersionColumns} FROM outcome_definitions d JOIN outcome_definition_versions v ON v.name = d.name AND v.version = d.latest_version WHERE d.name = $1"
            + (forUpdate ? " FOR UPDATE OF d" : ""),
            conn, tx);
        cmd.Parameters.AddWithValue(name);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredDefinition(ReadDefinition(reader, 0), ReadVersion(reader, 7)) : null;
    }

    private static async Task<DefinitionVersionRow?> ReadVersionAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string name, int version, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {VersionColumns} FROM outcome_definition_versions v WHERE v.name = $1 AND v.version = $2", conn, tx);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(version);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, 0) : null;
    }

    // One statement changes the row, bumps the revision and queues the notification (sent at commit).
    private static async Task<DefinitionRow?> UpdateDefinitionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string name, string set, object value, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            WITH d AS (
                UPDATE outcome_definitions SET {set}, revision = revision + 1, updated_at = $3 WHERE name = $1
                RETURNING name, status, latest_version, revision, created_at, updated_at, active_from)
            SELECT {DefinitionColumns}, pg_notify('{Channel}', d.name) FROM d
            """,
            conn, tx);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(value);
        cmd.Parameters.AddWithValue(now);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDefinition(reader, 0) : null;
    }

    private static DefinitionRow ReadDefinition(NpgsqlDataReader reader, int at) =>
        new(
            reader.GetString(at),
            DefinitionStatuses.TryParse(reader.GetString(at + 1), out var status) ? status : throw new InvalidDataException($"outcome_definitions row has unknown status '{reader.GetString(at + 1)}'"),
            reader.GetInt32(at + 2),
            reader.GetInt64(at + 3),
            reader.GetFieldValue<DateTimeOffset>(at + 4),
            reader.GetFieldValue<DateTimeOffset>(at + 5),
            reader.IsDBNull(at + 6) ? null : reader.GetFieldValue<DateTimeOffset>(at + 6));

    private static DefinitionVersionRow ReadVersion(NpgsqlDataReader reader, int at) =>
        new(
            reader.GetString(at),
            reader.GetInt32(at + 1),
            reader.GetString(at + 2),
            reader.GetString(at + 3),
            reader.GetFieldValue<string[]>(at + 4).ToValueArray(),
            reader.GetString(at + 5),
            reader.GetString(at + 6) == "json" ? DefinitionFormat.Json : DefinitionFormat.Yaml,
            reader.GetFieldValue<DateTimeOffset>(at + 7));

    private static string FormatName(DefinitionFormat format) => format == DefinitionFormat.Json ? "json" : "yaml";

    // PostgreSQL keeps microseconds; returning the same value we store keeps reads and writes equal.
}
