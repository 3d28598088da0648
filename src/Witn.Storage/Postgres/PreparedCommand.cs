using Npgsql;

namespace Witn.Storage.Postgres;

/// <summary>
/// A statement run many times a second (group-committed reads and writes, log polling) on a pooled connection of
/// its own, prepared: Npgsql keeps the prepared statement per physical connection, so PostgreSQL parses it once per
/// connection and no longer folds each call's array parameters into constants (parsing and planning were ~9 % of
/// PostgreSQL's CPU in the end-to-end benchmark; PostgreSQL may still choose a custom plan per call, see
/// docs/benchmarks.md). Add the parameters to <see cref="Command"/>, then call <see cref="PrepareAsync"/>.
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
