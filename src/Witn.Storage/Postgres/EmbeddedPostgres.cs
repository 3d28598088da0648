using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Witn.Storage.Postgres;

/// <summary>
/// A private PostgreSQL server provisioned from the machine's binaries in a data folder of its own:
/// initdb on first use, started on a free loopback port, stopped on dispose. The silo uses it when no
/// connection string is given, and the test fixtures use the very same code.
/// </summary>
/// <remarks>
/// Layout of the data folder: <c>pgdata/</c> (the cluster), <c>postgres.password</c> (0600, the
/// superuser password), <c>postgres.log</c>, <c>postgres.owner</c> (pid of the process that started
/// the server, so a later run can tell a crashed owner's orphan from a live neighbour's server).
/// Roles: the superuser <see cref="SuperUser"/> only provisions; <see cref="EnsureDatabaseAsync"/> creates
/// <see cref="DatabaseRoles.Owner"/> (migrations) and <see cref="DatabaseRoles.Runtime"/> (the silo), whose
/// passwords are derived from the superuser's.
/// </remarks>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    public const string SuperUser = "witn";

    private readonly string _dataDir;
    private readonly PostgresBinaries _binaries;
    private readonly TextWriter _log;
    private Process? _server;
    private bool _rolesReady;

    private EmbeddedPostgres(string dataDir, PostgresBinaries binaries, TextWriter log)
    {
        _dataDir = dataDir;
        _binaries = binaries;
        _log = log;
    }

    public string ClusterDirectory => Path.Combine(_dataDir, "pgdata");

    public int Port { get; private set; }

    /// <summary>True when this instance started the server and will stop it on dispose.</summary>
    public bool OwnsServer => _server is not null;

    public string LogFile => Path.Combine(_dataDir, "postgres.log");

    private string PasswordFile => Path.Combine(_dataDir, "postgres.password");

    private string OwnerFile => Path.Combine(_dataDir, "postgres.owner");

    /// <summary>
    /// A connection string to the given database as the superuser: for provisioning (roles, databases) and
    /// inspection only; the silo never works or migrates as it.
    /// </summary>
    public string ConnectionString(string database = "postgres") => ConnectionString(SuperUser, SuperUserPassword(), database);

    /// <summary>A connection string as <see cref="DatabaseRoles.Owner"/>, which applies the migrations and owns the schema.</summary>
    public string OwnerConnectionString(string database) => ConnectionString(DatabaseRoles.Owner, RolePassword(DatabaseRoles.Owner), database);

    /// <summary>A connection string as <see cref="DatabaseRoles.Runtime"/>, the role the silo works as.</summary>
    public string RuntimeConnectionString(string database) => ConnectionString(DatabaseRoles.Runtime, RolePassword(DatabaseRoles.Runtime), database);

    private string ConnectionString(string user, string password, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = user,
        Password = password,
        Database = database,
        Pooling = true,
        Timeout = 15,
    }.ConnectionString;

    private string SuperUserPassword() => File.ReadAllText(PasswordFile).Trim();

    // Derived from the superuser's password rather than stored: no second secret file to keep in step, and every
    // process sharing the data folder computes the same password.
    private string RolePassword(string role) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SuperUserPassword()), Encoding.UTF8.GetBytes(role))).ToLowerInvariant();

    public static async Task<EmbeddedPostgres> StartAsync(string dataDir, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Find();
        var instance = new EmbeddedPostgres(Path.GetFullPath(dataDir), binaries, log ?? TextWriter.Null);
        await instance.StartCoreAsync(cancellationToken);
        return instance;
    }

    /// <summary>
    /// Creates the owner and runtime roles when missing, and the database, owned by <see cref="DatabaseRoles.Owner"/>,
    /// when it does not exist yet. A database made before there were two roles (everything owned by the superuser)
    /// is handed over to the owner, so the migrations can go on as the owner.
    /// </summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await EnsureRolesAsync(cancellationToken);
        await using var conn = new NpgsqlConnection(ConnectionString());
        await conn.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT r.rolname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE d.datname = $1", conn);
        exists.Parameters.AddWithValue(database);
        var owner = await exists.ExecuteScalarAsync(cancellationToken) as string;
        var quoted = Quote(database);
        if (owner is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted} OWNER {DatabaseRoles.Owner}", conn);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another process created it between our check and our create: fine.
            }
        }
        else if (owner != DatabaseRoles.Owner)
        {
            await HandOverAsync(database, cancellationToken);
            await using var alter = new NpgsqlCommand($"ALTER DATABASE {quoted} OWNER TO {DatabaseRoles.Owner}", conn);
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    // Roles are shared by every database of the server; an advisory lock (in the postgres database, where every
    // caller connects) keeps two processes from creating the same role at once.
    private async Task EnsureRolesAsync(CancellationToken cancellationToken)
    {
        if (_rolesReady)
        {
            return;
        }

        await using var conn = new NpgsqlConnection(ConnectionString());
        await conn.OpenAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using (var lockRoles = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('witn.roles'))", conn, tx))
        {
            await lockRoles.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var role in new[] { DatabaseRoles.Owner, DatabaseRoles.Runtime })
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = $1", conn, tx);
            exists.Parameters.AddWithValue(role);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                // Utility statements take no parameters; the password is hex, so it needs no escaping.
                await using var create = new NpgsqlCommand(
                    $"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '{RolePassword(role)}'", conn, tx);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await tx.CommitAsync(cancellationToken);
        _rolesReady = true;
    }

    /// <summary>Gives the superuser's tables and functions in the database's public schema to the owner role.</summary>
    private async Task HandOverAsync(string database, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(ConnectionString(database));
        await conn.OpenAsync(cancellationToken);
        // A serial column's sequence moves with its table (ALTER SEQUENCE on it would be refused); indexes and row
        // types follow their table too.
        await using var handOver = new NpgsqlCommand($$"""
            DO $handover$
            DECLARE
                item record;
            BEGIN
                FOR item IN
                    SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relowner = '{{SuperUser}}'::regrole
                LOOP
                    EXECUTE format('ALTER TABLE %s OWNER TO {{DatabaseRoles.Owner}}', item.name);
                END LOOP;
                FOR item IN
                    SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = 'public' AND p.proowner = '{{SuperUser}}'::regrole
                LOOP
                    EXECUTE format('ALTER ROUTINE %s OWNER TO {{DatabaseRoles.Owner}}', item.name);
                END LOOP;
            END
            $handover$
            """, conn);
        await handOver.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_dataDir);
        var runAs = UnixProcess.IsRoot ? await ServiceUser.ResolveAsync(cancellationToken) : null;
        if (runAs is not null)
        {
            runAs.EnsureCanReach(_dataDir);
        }

        if (!File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
        {
            await InitDbAsync(runAs, cancellationToken);
        }

        if (await TryAdoptRunningServerAsync(cancellationToken))
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            try
            {
                await LaunchAsync(runAs, cancellationToken);
                return;
            }
            catch (PostgresUnavailableException) when (attempt < 3 && PortTaken())
            {
                // Someone took the port between our probe and postgres binding it: pick another.
            }
        }
    }

    private async Task InitDbAsync(ServiceUser? runAs, CancellationToken cancellationToken)
    {
        // A half-finished initdb (crash, ctrl-c) leaves a folder initdb refuses to reuse.
        if (Directory.Exists(ClusterDirectory))
        {
            Directory.Delete(ClusterDirectory, recursive: true);
        }

        Directory.CreateDirectory(ClusterDirectory);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await File.WriteAllTextAsync(PasswordFile, password, cancellationToken);
        File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // initdb reads the password from a file; it lives inside the new cluster folder only while initdb runs.
        var pwFile = Path.Combine(_dataDir, $".initdb-pw-{Environment.ProcessId}");
        await File.WriteAllTextAsync(pwFile, password, cancellationToken);
        File.SetUnixFileMode(pwFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            if (runAs is not null)
            {
                await runAs.ChownAsync(ClusterDirectory, cancellationToken);
                await runAs.ChownAsync(pwFile, cancellationToken);
            }

            string[] args =
            [
                "-D", ClusterDirectory, "-U", SuperUser, "--pwfile", pwFile, "-E", "UTF8", "--locale=C",
                "--auth-host=scram-sha-256", "--auth-local=peer", "--no-sync",
            ];
            var (exit, output) = await RunAsync(runAs, _binaries.InitDb, args, cancellationToken);
            if (exit != 0)
            {
                throw new PostgresUnavailableException($"initdb failed for {ClusterDirectory} (exit {exit}): {LastLine(output)}");
            }
        }
        finally
        {
            File.Delete(pwFile);
        }

        _log.WriteLine($"PostgreSQL: initialized a new cluster in {ClusterDirectory}");
    }

    /// <summary>
    /// A server already running on our folder either belongs to a live neighbour silo (share it) or was
    /// orphaned by a crashed owner (stop it and start our own). A postmaster.pid naming a dead process is stale.
    /// </summary>
    private async Task<bool> TryAdoptRunningServerAsync(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(ClusterDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return false;
        }

        var lines = await File.ReadAllLinesAsync(pidFile, cancellationToken);
        var pid = lines.Length > 0 && int.TryParse(lines[0].Trim(), CultureInfo.InvariantCulture, out var p) ? p : 0;
        var port = lines.Length > 3 && int.TryParse(lines[3].Trim(), CultureInfo.InvariantCulture, out var q) ? q : 0;
        var isPostgres = UnixProcess.IsAlive(pid) && UnixProcess.CommandName(pid) is "postgres" or null;
        if (!isPostgres)
        {
            _log.WriteLine($"PostgreSQL: removing stale {pidFile} (process {pid} is gone)");
            File.Delete(pidFile);
            return false;
        }

        if (await OwnerAsync(cancellationToken) is { } owner && owner != Environment.ProcessId)
        {
            Port = port;
            await WaitUntilAcceptingAsync(null, cancellationToken);
            _log.WriteLine($"PostgreSQL: sharing the server of process {owner} on 127.0.0.1:{Port}");
            return true;
        }

        _log.WriteLine($"PostgreSQL: stopping server {pid} left behind by a process that exited");
        await StopPidAsync(pid, TimeSpan.FromSeconds(30));
        if (File.Exists(pidFile) && !UnixProcess.IsAlive(pid))
        {
            File.Delete(pidFile);
        }

        return false;
    }

    /// <summary>The live process that started the server on this folder, or null when it has exited.</summary>
    private async Task<int?> OwnerAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(OwnerFile))
        {
            return null;
        }

        var parts = (await File.ReadAllTextAsync(OwnerFile, cancellationToken)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid) || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var started))
        {
            return null;
        }

        return UnixProcess.IsAlive(pid) && UnixProcess.StartTime(pid) == started ? pid : null;
    }

    private async Task LaunchAsync(ServiceUser? runAs, CancellationToken cancellationToken)
    {
        // setsid: the server gets its own session, so a Ctrl-C in the terminal reaches the silo only and the
        // silo shuts down cleanly before it stops the database. setpriv (root only) drops to the service user
        // by exec, so the process we hold is the postmaster itself.
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
            RedirectStandardInput = false,
        };
        if (runAs is not null)
        {
            info.ArgumentList.Add("setpriv");
            foreach (var a in runAs.SetprivArguments())
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (var a in new[]
                 {
                     _binaries.Postgres, "-D", ClusterDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture),
                     "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200",
                     "-c", "fsync=on", "-c", "logging_collector=off", "-c", "log_min_messages=warning",
                 })
        {
            info.ArgumentList.Add(a);
        }

        // Output goes to the log file through the shell-free route: postgres writes to stderr, we let it
        // inherit a file handle by pointing the server's own log destination at our file.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("log_destination=stderr");
        info.RedirectStandardError = true;
        info.RedirectStandardOutput = true;

        var process = Process.Start(info) ?? throw new PostgresUnavailableException("could not start postgres");
        var logWriter = new StreamWriter(new FileStream(LogFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        process.ErrorDataReceived += (_, e) => WriteLog(logWriter, e.Data);
        process.OutputDataReceived += (_, e) => WriteLog(logWriter, e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _server = process;

        try
        {
            await WaitUntilAcceptingAsync(process, cancellationToken);
        }
        catch
        {
            await StopAsync();
            throw;
        }

        await File.WriteAllTextAsync(OwnerFile, $"{Environment.ProcessId} {UnixProcess.StartTime(Environment.ProcessId)}", cancellationToken);
        _log.WriteLine($"PostgreSQL: started {_binaries.Postgres} on 127.0.0.1:{Port} (data in {ClusterDirectory})");
    }

    private static void WriteLog(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            try
            {
                writer.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The server outlived our log handle during shutdown; its last words are not needed.
            }
        }
    }

    private async Task WaitUntilAcceptingAsync(Process? process, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process is { HasExited: true })
            {
                throw new PostgresUnavailableException(
                    $"postgres exited during startup (exit {process.ExitCode}); see {LogFile}: {LastLine(TailOfLog())}");
            }

            try
            {
                await using var conn = new NpgsqlConnection(ConnectionString() + ";Pooling=false;Timeout=2");
                await conn.OpenAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or PostgresException or TimeoutException)
            {
                last = e;
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new PostgresUnavailableException($"postgres did not accept connections on 127.0.0.1:{Port} within 60 s; see {LogFile}", last!);
    }

    private string TailOfLog()
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no output)";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool PortTaken()
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Start();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static async Task<(int, string)> RunAsync(ServiceUser? runAs, string program, string[] args, CancellationToken cancellationToken) =>
        runAs is null
            ? await ProcessRunner.RunAsync(program, args, cancellationToken)
            : await ProcessRunner.RunAsync("setpriv", [.. runAs.SetprivArguments(), program, .. args], cancellationToken);

    /// <summary>Fast shutdown (SIGINT): active sessions are disconnected, everything committed is already durable.</summary>
    public async Task StopAsync()
    {
        var server = _server;
        _server = null;
        if (server is null)
        {
            return;
        }

        await StopPidAsync(server.Id, TimeSpan.FromSeconds(30));
        server.Dispose();
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(OwnerFile))
        {
            File.Delete(OwnerFile);
        }

        _log.WriteLine("PostgreSQL: stopped");
    }

    private static async Task StopPidAsync(int pid, TimeSpan timeout)
    {
        if (!UnixProcess.IsAlive(pid))
        {
            return;
        }

        UnixProcess.Signal(pid, UnixProcess.SigInt);
        var clock = Stopwatch.StartNew();
        while (UnixProcess.IsAlive(pid) && clock.Elapsed < timeout)
        {
            await Task.Delay(50);
        }

        if (UnixProcess.IsAlive(pid))
        {
            UnixProcess.Signal(pid, UnixProcess.SigKill);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
