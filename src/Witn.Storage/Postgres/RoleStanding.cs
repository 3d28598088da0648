using Npgsql;

namespace Witn.Storage.Postgres;

/// <summary>
/// What the role of a connection may do to the schema beyond its grants: a superuser or a role that can create
/// roles can take any right, and the owner of a table (or a member of the owner) can disable its triggers or drop it.
/// </summary>
/// <param name="Role">The connection's role (<c>current_user</c>).</param>
/// <param name="IsSuperuser">Whether it is a superuser: no grant or trigger binds it.</param>
/// <param name="CanCreateRoles">Whether it has CREATEROLE, which lets it make itself a member of other roles.</param>
/// <param name="OwnedTables">The schema's tables it owns or could act as the owner of, in name order (empty on a fresh database).</param>
/// <param name="HasRuntimeRights">Whether it is <see cref="DatabaseRoles.Runtime"/> or a member of it.</param>
public sealed record RoleStanding(string Role, bool IsSuperuser, bool CanCreateRoles, IReadOnlyList<string> OwnedTables, bool HasRuntimeRights)
{
    // The schema is the one schema_migrations lives in (where the migrations created everything); on a fresh
    // database there is none, so nothing is owned yet.
    private const string Sql = $"""
        SELECT current_user::text,
               r.rolsuper,
               r.rolcreaterole,
               coalesce((SELECT bool_or(pg_has_role(current_user, g.oid, 'USAGE')) FROM pg_roles g WHERE g.rolname = '{DatabaseRoles.Runtime}'), false),
               coalesce((SELECT array_agg(c.relname::text ORDER BY c.relname)
                         FROM pg_class c
                         WHERE c.relnamespace = (SELECT m.relnamespace FROM pg_class m WHERE m.oid = to_regclass('schema_migrations'))
                           AND c.relkind IN ('r', 'p')
                           AND pg_has_role(current_user, c.relowner, 'MEMBER')), ARRAY[]::text[])
        FROM pg_roles r
        WHERE r.rolname = current_user
        """;

    /// <summary>Reads the standing of the role <paramref name="connectionString"/> logs in as.</summary>
    public static async Task<RoleStanding> ReadAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var conn = new NpgsqlConnection(builder.ConnectionString);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(Sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new RoleStanding(reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetFieldValue<string[]>(4), reader.GetBoolean(3));
    }
}
