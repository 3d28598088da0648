using Npgsql;
using Witn.Storage.Postgres;

namespace Witn.Storage.Tests.Security;

/// <summary>
/// The rules every migration keeps for the runtime role, as a query returning the breaches it finds, so a test can
/// show both that the real schema is clean and that the rule catches a deliberate breach.
/// </summary>
internal static class RuntimeGrants
{
    private const string Runtime = DatabaseRoles.Runtime;

    // A table the runtime role holds no right on was created without its grants (the silo would fail on it);
    // TRUNCATE, REFERENCES and TRIGGER are rights the silo never needs; whatever the runtime role owns, it can
    // alter or drop. (CASE guards the sequence check: the planner may test conditions in any order.)
    private const string Sql = $"""
        WITH schema_objects AS (
            SELECT c.oid, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
        )
        SELECT 'table ' || relname || ' grants ' || '{Runtime}' || ' no right: grant them in the migration that creates it'
        FROM schema_objects WHERE relkind IN ('r', 'p') AND NOT has_table_privilege('{Runtime}', oid, 'SELECT, INSERT, UPDATE, DELETE')
        UNION ALL
        SELECT 'table ' || relname || ' grants ' || '{Runtime}' || ' TRUNCATE, REFERENCES or TRIGGER'
        FROM schema_objects WHERE relkind IN ('r', 'p') AND has_table_privilege('{Runtime}', oid, 'TRUNCATE, REFERENCES, TRIGGER')
        UNION ALL
        SELECT 'sequence ' || relname || ' is not usable by ' || '{Runtime}'
        FROM schema_objects WHERE CASE WHEN relkind = 'S' THEN NOT has_sequence_privilege('{Runtime}', oid, 'USAGE') ELSE false END
        UNION ALL
        SELECT '{Runtime} owns relation ' || relname FROM pg_class WHERE relowner = '{Runtime}'::regrole
        UNION ALL
        SELECT '{Runtime} owns routine ' || proname FROM pg_proc WHERE proowner = '{Runtime}'::regrole
        UNION ALL
        SELECT '{Runtime} owns type ' || typname FROM pg_type WHERE typowner = '{Runtime}'::regrole
        UNION ALL
        SELECT '{Runtime} owns schema ' || nspname FROM pg_namespace WHERE nspowner = '{Runtime}'::regrole
        UNION ALL
        SELECT '{Runtime} owns database ' || datname FROM pg_database WHERE datdba = '{Runtime}'::regrole AND datname = current_database()
        ORDER BY 1
        """;

    /// <summary>The breaches in the connection's database, as the transaction (if any) sees it.</summary>
    public static async Task<List<string>> BreachesAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var breaches = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            breaches.Add(reader.GetString(0));
        }

        return breaches;
    }
}
