namespace Witn.Storage.Quality;

/// <summary>
/// The one place that writes quality counters (migration 0022, docs/quality.md): the upsert that adds to a cell, the
/// cell a charge counts in, and what makes a charge's evidence complete. The outcome, ledger, dispute and log writers
/// splice these into their own statements, so a counter commits with the change that causes it.
/// </summary>
internal static class QualitySql
{
    /// <summary>The row of a cell a writer adds to: by database backend, so two concurrent writers rarely share a row lock.</summary>
    public const string Shard = "(pg_backend_pid() % 8)::smallint";

    private const string Key = "tenant_id, day, definition, agent_id, agent_version, shard";

    /// <summary>
    /// An INSERT adding <paramref name="columns"/> to <paramref name="table"/>'s cells from <paramref name="source"/>,
    /// a SELECT of tenant_id, day, definition, agent_id, agent_version, then any <paramref name="extraKey"/> columns, then
    /// one value per column, grouped by that key. Cells are locked in key order, so concurrent writers cannot deadlock on them.
    /// </summary>
    /// <remarks>With <paramref name="sharded"/> false every writer adds to shard 0: for a table whose extra key already
    /// spreads the writes (the completion buckets), so that a cell's histogram stays one row per bucket for readers.</remarks>
    public static string Add(string table, string source, string[] columns, string[]? extraKey = null, bool sharded = true)
    {
        var key = extraKey is null ? Key : $"{Key}, {string.Join(", ", extraKey)}";
        var positions = string.Join(", ", Enumerable.Range(1, 6 + (extraKey?.Length ?? 0)));
        return $"""
            INSERT INTO {table} AS q ({key}, {string.Join(", ", columns)})
            SELECT tenant_id, day, definition, agent_id, agent_version, {(sharded ? Shard : "0::smallint")}{(extraKey is null ? "" : ", " + string.Join(", ", extraKey))},
                   {string.Join(", ", columns.Select(c => $"sum({c})::bigint"))}
            FROM ({source}) AS src(tenant_id, day, definition, agent_id, agent_version{(extraKey is null ? "" : ", " + string.Join(", ", extraKey))}, {string.Join(", ", columns)})
            GROUP BY {positions}
            ORDER BY {positions}
            ON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = q.{c} + excluded.{c}"))}
            """;
    }

    /// <summary>
    /// The cell of charge <c>ch</c> (a row of charges): its outcome's cell, joined as <c>o</c> by the caller with
    /// <see cref="OutcomeOfCharge"/>; a charge without an outcome row (written straight to the ledger) counts in the
    /// day it qualified and the agent it names.
    /// </summary>
    public const string ChargeCell = """
        ch.tenant_id,
        coalesce(o.quality_day, (ch.qualified_at AT TIME ZONE 'UTC')::date),
        ch.outcome,
        CASE WHEN o.tenant_id IS NULL THEN coalesce(ch.agent_id, '') ELSE o.quality_agent_id END,
        CASE WHEN o.tenant_id IS NULL THEN coalesce(ch.agent_version, '') ELSE o.quality_agent_version END
        """;

    /// <summary>Joins the outcome of charge <c>ch</c> as <c>o</c>; with <see cref="Counted"/>, outcomes from before migration 0022 count nothing.</summary>
    public const string OutcomeOfCharge =
        "LEFT JOIN outcomes o ON o.tenant_id = ch.tenant_id AND o.definition = ch.outcome AND o.correlation = ch.correlation";

    public const string Counted = "(o.tenant_id IS NULL OR o.quality_day IS NOT NULL)";

    /// <summary>
    /// Whether charge <c>ch</c>'s evidence is complete (1 or 0): a contract version, and every event with an agent and
    /// a trace id (the event fields of Witn.Domain.Evidence.EvidenceJson). The definition and its version are always there.
    /// (The cast: a caller's <c>ch</c> may carry the evidence as text.)
    /// </summary>
    public const string EvidenceComplete = """
        CASE WHEN ch.contract_version IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM jsonb_array_elements(ch.evidence::jsonb -> 'events') AS e(ev)
            WHERE jsonb_typeof(e.ev -> 'agent') IS DISTINCT FROM 'object' OR jsonb_typeof(e.ev -> 'trace_id') IS DISTINCT FROM 'string')
        THEN 1 ELSE 0 END
        """;
}
