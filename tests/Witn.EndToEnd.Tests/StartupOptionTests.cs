using System.Net;
using System.Net.Sockets;
using Witn.Testing;

namespace Witn.EndToEnd.Tests;

/// <summary>Bad options fail fast with one line that says what to fix, and a non-zero exit.</summary>
public sealed class StartupOptionTests : IAsyncDisposable
{
    public static TheoryData<string[], int, string> BadOptions => new()
    {
        { ["--http-port", "eighty"], 2, "witn-silo: --http-port 'eighty' is not a port: use a number from 1 to 65535" },
        { ["--silo-port", "70000"], 2, "witn-silo: --silo-port '70000' is not a port: use a number from 1 to 65535" },
        { ["--frobnicate"], 2, "witn-silo: unknown option '--frobnicate'; valid options are --http-port, --silo-port, --gateway-port, --data-dir, --connection-string, --migrate-connection-string, --allow-owner-role, --bind, --cluster-id, --dev, --dashboard, --telemetry, --log, --eventhubs-connection-string, --eventhubs-name, --eventhubs-consumer-group, --stripe-api-key, --stripe-api-key-file, --stripe-api-base, --lago-api-url, --lago-api-key, --lago-api-key-file (see --help)" },
        { ["--http-port", "7001", "--gateway-port", "7001"], 2, "witn-silo: --http-port and --gateway-port are both 7001: each needs a port of its own" },
        { ["--bind", "localhost-ish"], 2, "witn-silo: --bind 'localhost-ish' is not an IP address: use 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces)" },
        { ["--data-dir"], 2, "witn-silo: --data-dir needs a value, e.g. --data-dir ./.witn" },
        { ["--log", "kafka"], 2, "witn-silo: --log 'kafka' is not a log mode: use postgres (the default) or eventhubs" },
        { ["--log", "eventhubs"], 2, "witn-silo: --log eventhubs needs --eventhubs-connection-string (or WITN_EVENTHUBS_CONNECTION_STRING): the connection string of an Event Hubs namespace, such as 'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…'" },
        { ["--log", "eventhubs", "--eventhubs-connection-string", "Host=localhost;Password=secret"], 2, "witn-silo: --eventhubs-connection-string is not an Event Hubs connection string: copy it from the namespace's shared access policies, in the form 'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…'" },
        { ["--log", "eventhubs", "--eventhubs-connection-string", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0"], 2, "witn-silo: --log eventhubs needs --eventhubs-name (or WITN_EVENTHUBS_NAME): the name of the event hub, unless the connection string has EntityPath=<name>" },
        { ["--log", "eventhubs", "--eventhubs-connection-string", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0;EntityPath=events", "--eventhubs-name", "other"], 2, "witn-silo: --eventhubs-name 'other' differs from EntityPath 'events' in --eventhubs-connection-string: give the event hub's name once" },
        { ["--dashboard=maybe"], 2, "witn-silo: --dashboard 'maybe' must be true or false" },
        { ["--telemetry", "maybe"], 2, "witn-silo: --telemetry 'maybe' must be on or off" },
        { ["--migrate-connection-string", "Host=localhost;Username=owner"], 2, "witn-silo: --migrate-connection-string is only used with --connection-string (the embedded PostgreSQL migrates as its own owner role and runs as its runtime role): add --connection-string, or remove it" },
        { ["--allow-owner-role"], 2, "witn-silo: --allow-owner-role is only used with --connection-string (the embedded PostgreSQL migrates as its own owner role and runs as its runtime role): add --connection-string, or remove it" },
        { ["--eventhubs-name", "events"], 2, "witn-silo: --eventhubs-name is only used with --log eventhubs: add --log eventhubs (or WITN_LOG=eventhubs), or remove it" },
        { ["--stripe-api-key", "sk_test_secret123", "--stripe-api-key-file", "/nonexistent"], 2, "witn-silo: --stripe-api-key and --stripe-api-key-file both give the key: give one of them" },
        { ["--stripe-api-key-file", "/nonexistent/stripe.key"], 2, "witn-silo: --stripe-api-key-file '/nonexistent/stripe.key' cannot be read (Could not find a part of the path '/nonexistent/stripe.key'.): give a readable file holding the key" },
        { ["--stripe-api-base", "ftp://stripe.example"], 2, "witn-silo: --stripe-api-base 'ftp://stripe.example' is not an http(s) address: use e.g. https://api.stripe.com" },
        { ["--lago-api-key", "lago_secret123"], 2, "witn-silo: --lago-api-key needs --lago-api-url (or WITN_LAGO_API_URL): the address of your Lago API, such as https://api.getlago.com" },
        { ["--lago-api-url", "https://api.getlago.com"], 2, "witn-silo: --lago-api-url needs --lago-api-key (or WITN_LAGO_API_KEY, or WITN_LAGO_API_KEY_FILE): the API key from Lago's developer settings" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task bad_options_fail_fast_with_the_promised_message(string[] args, int exitCode, string message)
    {
        var (exit, output) = await SiloProcess.RunToExitAsync(args);

        Assert.Equal(exitCode, exit);
        Assert.Equal(message, output.Trim());
    }

    [Fact]
    public async Task an_environment_variable_is_checked_like_its_flag()
    {
        var (exit, output) = await SiloProcess.RunToExitAsync([], new Dictionary<string, string> { ["WITN_HTTP_PORT"] = "-1" });

        Assert.Equal(2, exit);
        Assert.Equal("witn-silo: WITN_HTTP_PORT '-1' is not a port: use a number from 1 to 65535", output.Trim());
    }

    [Fact]
    public async Task cloud_mode_options_are_read_from_the_environment_too()
    {
        var (exit, output) = await SiloProcess.RunToExitAsync([], new Dictionary<string, string> { ["WITN_LOG"] = "eventhubs", ["WITN_EVENTHUBS_CONNECTION_STRING"] = "no-endpoint-here" });

        Assert.Equal(2, exit);
        Assert.Equal("witn-silo: WITN_EVENTHUBS_CONNECTION_STRING is not an Event Hubs connection string: copy it from the namespace's shared access policies, in the form 'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…'", output.Trim());
        Assert.DoesNotContain("no-endpoint-here", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unreachable_database_names_the_server_and_the_option_to_fix()
    {
        var closedPort = FreePorts.Take(1)[0];
        var ports = FreePorts.Take(3);

        var (exit, output) = await SiloProcess.RunToExitAsync(
        [
            "--connection-string", $"Host=127.0.0.1;Port={closedPort};Username=witn;Password=x;Database=witn;Timeout=3",
            "--http-port", $"{ports[0]}", "--silo-port", $"{ports[1]}", "--gateway-port", $"{ports[2]}",
        ]);

        Assert.Equal(1, exit);
        Assert.StartsWith($"witn-silo: cannot reach PostgreSQL at 127.0.0.1:{closedPort} (database 'witn'): ", output.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("Check that the server runs and fix --connection-string (or WITN_CONNECTION_STRING)", output.Trim(), StringComparison.Ordinal);
        Assert.Single(output.Trim().Split('\n'));
    }

    [Fact]
    public async Task a_wrong_password_says_authentication_failed_not_cannot_reach()
    {
        await using var db = new TestDatabase();
        await db.InitializeAsync();
        var wrong = new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString) { Password = "not-the-password" };
        var ports = FreePorts.Take(3);

        var (exit, output) = await SiloProcess.RunToExitAsync(
        [
            "--connection-string", wrong.ConnectionString,
            "--http-port", $"{ports[0]}", "--silo-port", $"{ports[1]}", "--gateway-port", $"{ports[2]}",
        ]);

        Assert.Equal(1, exit);
        Assert.StartsWith($"witn-silo: PostgreSQL at {wrong.Host}:{wrong.Port} refused the password of '{wrong.Username}': authentication failed (", output.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("Fix the user name or password in --connection-string (or WITN_CONNECTION_STRING)", output.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("cannot reach", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", output, StringComparison.Ordinal);
        Assert.Single(output.Trim().Split('\n'));
    }

    public static TheoryData<string, string> UnusableDataDirs => new()
    {
        { "file", "is a file, not a folder" },
        { "under-a-file", "cannot be written (a part of the path is not a folder)" },
        { "/proc/witn-data", "cannot be written (nothing can be created there)" },
    };

    [Theory]
    [MemberData(nameof(UnusableDataDirs))]
    public async Task an_unusable_data_dir_is_one_line_and_exit_code_2(string kind, string reason)
    {
        var file = Path.Combine(Path.GetTempPath(), $"witn-not-a-folder-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, "a file where a folder should be");
        try
        {
            var dataDir = kind switch { "file" => file, "under-a-file" => Path.Combine(file, "data"), _ => kind };
            var ports = FreePorts.Take(3);

            var (exit, output) = await SiloProcess.RunToExitAsync(["--data-dir", dataDir, "--http-port", $"{ports[0]}", "--silo-port", $"{ports[1]}", "--gateway-port", $"{ports[2]}"]);

            Assert.Equal(2, exit);
            Assert.StartsWith($"witn-silo: --data-dir '{dataDir}' {reason}", output.Trim(), StringComparison.Ordinal);
            Assert.EndsWith("give a folder this user can write with --data-dir (or WITN_DATA_DIR), e.g. --data-dir ~/.local/share/witn", output.Trim(), StringComparison.Ordinal);
            Assert.Single(output.Trim().Split('\n'));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task an_unreadable_configuration_setting_names_the_setting_the_value_and_an_example()
    {
        var (exit, output) = await SiloProcess.RunToExitAsync(await OwnDatabaseArgsAsync(), new Dictionary<string, string> { ["Witn__Invoices__FinalizePollInterval"] = "soon" });

        Assert.Equal(2, exit);
        Assert.Equal("witn-silo: Witn:Invoices:FinalizePollInterval is 'soon', which is not a duration (hh:mm:ss[.fff]); use a value such as 00:00:30", output.Trim());
    }

    [Fact]
    public async Task a_configuration_setting_out_of_range_stops_the_silo_with_what_to_set()
    {
        var (exit, output) = await SiloProcess.RunToExitAsync(await OwnDatabaseArgsAsync(), new Dictionary<string, string> { ["Witn__TenantClock__TickBatch"] = "0" });

        Assert.Equal(2, exit);
        Assert.Equal("witn-silo: Witn:TenantClock:TickBatch is 0; use 1 to 100000", output.Trim());
    }

    private readonly List<TestDatabase> _databases = [];

    /// <summary>Arguments for a silo on a database of this test's own, on free ports.</summary>
    private async Task<string[]> OwnDatabaseArgsAsync()
    {
        var db = new TestDatabase();
        await db.InitializeAsync();
        _databases.Add(db);
        var ports = FreePorts.Take(3);
        var dir = Path.Combine(Path.GetTempPath(), $"witn-e2e-{Guid.NewGuid():N}");
        return ["--connection-string", db.ConnectionString, "--data-dir", dir, "--http-port", $"{ports[0]}", "--silo-port", $"{ports[1]}", "--gateway-port", $"{ports[2]}"];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _databases)
        {
            await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task a_port_in_use_names_the_port_and_the_option_to_change()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var ports = FreePorts.Take(2);

        var (exit, output) = await SiloProcess.RunToExitAsync(["--http-port", $"{ports[0]}", "--silo-port", $"{taken}", "--gateway-port", $"{ports[1]}"]);

        Assert.Equal(1, exit);
        Assert.Equal($"witn-silo: port {taken} (--silo-port) is already in use on 127.0.0.1: stop the process using it or choose another port with --silo-port", output.Trim());
    }

    [Fact]
    public async Task help_lists_every_option_with_its_environment_variable()
    {
        var (exit, output) = await SiloProcess.RunToExitAsync(["--help"]);

        Assert.Equal(0, exit);
        foreach (var env in new[] { "WITN_HTTP_PORT", "WITN_SILO_PORT", "WITN_GATEWAY_PORT", "WITN_DATA_DIR", "WITN_CONNECTION_STRING", "WITN_STRIPE_API_KEY", "WITN_LAGO_API_URL" })
        {
            Assert.Contains(env, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task help_fits_an_80_column_terminal_and_lists_the_orleans_and_witn_settings(string flag)
    {
        var (exit, output) = await SiloProcess.RunToExitAsync([flag]);

        Assert.Equal(0, exit);
        Assert.All(output.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, $"longer than 80 columns: '{line}'"));
        foreach (var setting in new[]
        {
            "Witn__Webhooks__RetryBaseDelay=00:00:10", "Witn__RateLimit__TokensPerPeriod=10000", "Witn__DueSweep__Interval=00:00:15",
            "Witn__Invoices__FinalizePollInterval=00:00:30", "Witn__Log__FlushInterval=", "Witn__TenantClock__TickBatch=2000",
            "Orleans__Membership__ProbeTimeout=", "Logging__LogLevel__Default=Warning",
        })
        {
            Assert.Contains(setting, output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Witn__Faults", output, StringComparison.Ordinal);
    }
}
