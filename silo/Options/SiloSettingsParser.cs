using System.Collections;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Messaging.EventHubs;
using Npgsql;

namespace Witn.Silo.Options;

/// <summary>
/// Reads the silo's options: a flag wins over its environment variable, which wins over the default.
/// Every problem is reported as one line that names the option and says what to do.
/// </summary>
public static partial class SiloSettingsParser
{
    public static IReadOnlyList<SiloOption> Options { get; } =
    [
        new("--http-port", "WITN_HTTP_PORT", "5080", "HTTP port of the API, dashboard and health endpoints"),
        new("--silo-port", "WITN_SILO_PORT", "11111", "Orleans silo-to-silo port"),
        new("--gateway-port", "WITN_GATEWAY_PORT", "30000", "Orleans gateway port for .NET clients"),
        new("--data-dir", "WITN_DATA_DIR", "./.witn", "folder for the embedded PostgreSQL and admin.key"),
        new("--connection-string", "WITN_CONNECTION_STRING", "(embedded)", "PostgreSQL connection string of the runtime role the silo works as; without it the silo runs its own PostgreSQL"),
        new("--migrate-connection-string", "WITN_MIGRATE_CONNECTION_STRING", "(none)", "PostgreSQL connection string of the owner role that applies the migrations (with --connection-string; docs/operations.md)"),
        new("--allow-owner-role", "WITN_ALLOW_OWNER_ROLE", "off", "let --connection-string be a superuser or the owner of the tables (and migrate as it); the database then cannot stop the silo from rewriting money", IsSwitch: true),
        new("--bind", "WITN_BIND", "127.0.0.1", "address to listen on (0.0.0.0 for all interfaces)"),
        new("--cluster-id", "WITN_CLUSTER_ID", "witn", "Orleans cluster id: silos sharing a database and cluster id form one cluster"),
        new("--dev", "WITN_DEV", "off", "development mode: the dashboard is on and opens without a key", IsSwitch: true),
        new("--dashboard", "WITN_DASHBOARD", "off", "serve the Orleans dashboard at /dashboard (it samples every resident grain each second)", IsSwitch: true),
        new("--log", "WITN_LOG", "postgres", "event delivery: postgres (from the events table) or eventhubs (through Azure Event Hubs; PostgreSQL stays the log)"),
        new("--eventhubs-connection-string", "WITN_EVENTHUBS_CONNECTION_STRING", "(none)", "Event Hubs namespace connection string (with --log eventhubs)"),
        new("--eventhubs-name", "WITN_EVENTHUBS_NAME", "(EntityPath)", "event hub name, unless the connection string has EntityPath (with --log eventhubs)"),
        new("--eventhubs-consumer-group", "WITN_EVENTHUBS_CONSUMER_GROUP", EventHubsSettings.DefaultConsumerGroup, "consumer group the silos read with (with --log eventhubs)"),
    ];

    /// <summary>A switch's value (true, false, or null when it is not given or unreadable — then an error says so).</summary>
    private static bool? Switch(Dictionary<string, (string Value, string Source)> values, string flag, List<string> errors)
    {
        if (!values.TryGetValue(flag, out var given))
        {
            return null;
        }

        bool? on = given.Value.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => null,
        };
        if (on is null)
        {
            errors.Add($"{given.Source} '{given.Value}' must be true or false");
        }

        return on;
    }

    public static string Usage
    {
        get
        {
            var text = new StringBuilder("usage: witn-silo [options]\n\noptions (environment variable in brackets):\n");
            foreach (var o in Options)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {o.Flag + (o.IsSwitch ? "" : " <value>"),-36} {o.Help} [{o.Environment}, default {o.Default}]\n");
            }

            return text.Append("  --help                               show this help\n").ToString();
        }
    }

    /// <summary>Parses the options; <paramref name="error"/> is one line when they are unusable, null otherwise.</summary>
    public static SiloSettings? Parse(IReadOnlyList<string> args, IDictionary environment, out string? error, out bool helpRequested)
    {
        helpRequested = false;
        var values = new Dictionary<string, (string Value, string Source)>(StringComparer.Ordinal);
        foreach (var o in Options)
        {
            if (environment[o.Environment] is string env && env.Length > 0)
            {
                values[o.Flag] = (env, o.Environment);
            }
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                helpRequested = true;
                error = null;
                return null;
            }

            var (flag, inline) = arg.Split('=', 2) is [var f, var v] ? (f, v) : (arg, null);
            var option = Options.FirstOrDefault(o => o.Flag == flag);
            if (option is null)
            {
                error = $"unknown option '{arg}'; valid options are {string.Join(", ", Options.Select(o => o.Flag))} (see --help)";
                return null;
            }

            if (option.IsSwitch)
            {
                values[flag] = (inline ?? "true", flag);
                continue;
            }

            var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                error = $"{flag} needs a value, e.g. {flag} {option.Default.Trim('(', ')')}";
                return null;
            }

            values[flag] = (value, flag);
        }

        var settings = new SiloSettings();
        var errors = new List<string>();
        settings = settings with
        {
            HttpPort = Port(values, "--http-port", settings.HttpPort, errors),
            SiloPort = Port(values, "--silo-port", settings.SiloPort, errors),
            GatewayPort = Port(values, "--gateway-port", settings.GatewayPort, errors),
        };

        if (values.TryGetValue("--data-dir", out var dataDir))
        {
            settings = settings with { DataDir = Path.GetFullPath(dataDir.Value) };
        }

        settings = settings with
        {
            ConnectionString = PostgresConnectionString(values, "--connection-string", errors),
            MigrateConnectionString = PostgresConnectionString(values, "--migrate-connection-string", errors),
        };

        if (Switch(values, "--allow-owner-role", errors) is { } allowOwner)
        {
            settings = settings with { AllowOwnerRole = allowOwner };
        }

        if (!values.ContainsKey("--connection-string"))
        {
            // The embedded PostgreSQL has its own owner and runtime roles: these options would silently do nothing.
            foreach (var flag in new[] { "--migrate-connection-string", "--allow-owner-role" }.Where(values.ContainsKey))
            {
                errors.Add($"{values[flag].Source} is only used with --connection-string (the embedded PostgreSQL migrates as its own owner role and runs as its runtime role): add --connection-string, or remove it");
            }
        }

        if (values.TryGetValue("--bind", out var bind))
        {
            if (IPAddress.TryParse(bind.Value, out var address))
            {
                settings = settings with { Bind = address };
            }
            else
            {
                errors.Add($"{bind.Source} '{bind.Value}' is not an IP address: use 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces)");
            }
        }

        if (values.TryGetValue("--cluster-id", out var cluster))
        {
            if (ClusterIdRegex().IsMatch(cluster.Value))
            {
                settings = settings with { ClusterId = cluster.Value };
            }
            else
            {
                errors.Add($"{cluster.Source} '{cluster.Value}' is not a valid cluster id: use 1-64 characters of a-z, 0-9, '-' and '_'");
            }
        }

        if (Switch(values, "--dev", errors) is { } dev)
        {
            settings = settings with { Dev = dev };
        }

        if (Switch(values, "--dashboard", errors) is { } dashboard)
        {
            settings = settings with { Dashboard = dashboard };
        }

        settings = LogSettings(values, settings, errors);

        var ports = new[] { ("--http-port", settings.HttpPort), ("--silo-port", settings.SiloPort), ("--gateway-port", settings.GatewayPort) };
        foreach (var clash in ports.GroupBy(p => p.Item2).Where(g => g.Count() > 1 && g.Key > 0))
        {
            errors.Add($"{string.Join(" and ", clash.Select(p => p.Item1))} are both {clash.Key}: each needs a port of its own");
        }

        error = errors.Count > 0 ? errors[0] : null;
        return errors.Count > 0 ? null : settings;
    }

    private static string? PostgresConnectionString(Dictionary<string, (string Value, string Source)> values, string flag, List<string> errors)
    {
        if (!values.TryGetValue(flag, out var cs))
        {
            return null;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(cs.Value);
            if (string.IsNullOrEmpty(builder.Host))
            {
                errors.Add($"{cs.Source} has no Host: give a PostgreSQL connection string such as 'Host=localhost;Port=5432;Username=witn;Password=…;Database=witn'");
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException e)
        {
            errors.Add($"{cs.Source} is not a valid PostgreSQL connection string ({e.Message}): use the form 'Host=localhost;Port=5432;Username=witn;Password=…;Database=witn'");
            return null;
        }
    }

    private static int Port(Dictionary<string, (string Value, string Source)> values, string flag, int fallback, List<string> errors)
    {
        if (!values.TryGetValue(flag, out var raw))
        {
            return fallback;
        }

        if (int.TryParse(raw.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
        {
            return port;
        }

        errors.Add($"{raw.Source} '{raw.Value}' is not a port: use a number from 1 to 65535");
        return fallback;
    }

    private static SiloSettings LogSettings(Dictionary<string, (string Value, string Source)> values, SiloSettings settings, List<string> errors)
    {
        var mode = LogMode.Postgres;
        if (values.TryGetValue("--log", out var log))
        {
            switch (log.Value.ToLowerInvariant())
            {
                case "postgres":
                    break;
                case "eventhubs":
                    mode = LogMode.EventHubs;
                    break;
                default:
                    errors.Add($"{log.Source} '{log.Value}' is not a log mode: use postgres (the default) or eventhubs");
                    return settings;
            }
        }

        var hubOptions = new[] { "--eventhubs-connection-string", "--eventhubs-name", "--eventhubs-consumer-group" };
        if (mode == LogMode.Postgres)
        {
            // A forgotten --log eventhubs must not silently run the silo in the other mode.
            foreach (var flag in hubOptions.Where(values.ContainsKey))
            {
                errors.Add($"{values[flag].Source} is only used with --log eventhubs: add --log eventhubs (or WITN_LOG=eventhubs), or remove it");
            }

            return settings;
        }

        if (!values.TryGetValue("--eventhubs-connection-string", out var cs))
        {
            errors.Add("--log eventhubs needs --eventhubs-connection-string (or WITN_EVENTHUBS_CONNECTION_STRING): the connection string of an Event Hubs namespace, such as 'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…'");
            return settings;
        }

        EventHubsConnectionStringProperties? properties;
        try
        {
            properties = EventHubsConnectionStringProperties.Parse(cs.Value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            properties = null;
        }

        // Azure's parser ignores unknown keys, so a PostgreSQL connection string would pass without this check.
        if (properties is null || string.IsNullOrEmpty(properties.FullyQualifiedNamespace))
        {
            // The value holds a key: name the option, never echo it.
            errors.Add($"{cs.Source} is not an Event Hubs connection string: copy it from the namespace's shared access policies, in the form 'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…'");
            return settings;
        }

        var name = values.TryGetValue("--eventhubs-name", out var n) ? n.Value : properties.EventHubName;
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("--log eventhubs needs --eventhubs-name (or WITN_EVENTHUBS_NAME): the name of the event hub, unless the connection string has EntityPath=<name>");
            return settings;
        }

        if (!string.IsNullOrEmpty(properties.EventHubName) && !string.Equals(properties.EventHubName, name, StringComparison.Ordinal))
        {
            errors.Add($"{n.Source} '{name}' differs from EntityPath '{properties.EventHubName}' in {cs.Source}: give the event hub's name once");
            return settings;
        }

        var group = values.TryGetValue("--eventhubs-consumer-group", out var g) ? g.Value : EventHubsSettings.DefaultConsumerGroup;
        return settings with { Log = mode, EventHubs = new EventHubsSettings(cs.Value, name, group, properties.FullyQualifiedNamespace) };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClusterIdRegex();
}
