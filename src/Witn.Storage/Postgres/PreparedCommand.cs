using Npgsql;

namespace Witn.Storage.Postgres;

/// <summary>
/// A statement run many times a second (group-committed reads and writes, log polling) on a pooled connection of
/// its own, prepared: Npgsql keeps the prepared statement per physical connection, so PostgreSQL parses and plans
/// it once per connection instead of on every execution. Unprepared, the planner also folds each call's array
/// parameters into constants and copies them (measured: ~10 % of PostgreSQL's CPU in the end-to-end benchmark
/// went to parsing and planning). Add the parameters to <see cref="Command"/>, then call <see cref="PrepareAsync"/>.
/// </summary>
public sealed class PreparedCommand : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private PreparedCommand(NpgsqlConnection connection, string sql)
    {
        _connection = connection;
        Command = new NpgsqlCommand(sql, connection);
    }

    public NpgsqlCommand Command { get; }

    public static async Task<PreparedCommand> OpenAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return new PreparedCommand(connection, sql);
    }

    /// <summary>Prepares the command with its parameters' types (free once this physical connection has it).</summary>
    public Task PrepareAsync(CancellationToken cancellationToken) => Command.PrepareAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Command.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
