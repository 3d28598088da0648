using Npgsql;

namespace Witn.EndToEnd.Tests;

/// <summary>Which roles hold sessions on a database: proof of whom a silo works as, beyond what its banner says.</summary>
internal static class SessionRoles
{
    /// <summary>The distinct roles of the sessions on <paramref name="database"/>, other than the asking one (a superuser's).</summary>
    public static async Task<List<string>> OnAsync(string superuserConnectionString, string database)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuserConnectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT DISTINCT usename::text FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() ORDER BY 1", conn);
        cmd.Parameters.AddWithValue(database);
        await using var reader = await cmd.ExecuteReaderAsync();
        var roles = new List<string>();
        while (await reader.ReadAsync())
        {
            roles.Add(reader.GetString(0));
        }

        return roles;
    }
}
