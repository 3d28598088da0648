using System.Collections;
using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Azure.Messaging.EventHubs;
using Npgsql;

namespace Witn.Silo.Options;

/// <summary>
/// The silo's command line (System.CommandLine): a flag wins over its environment variable, which wins over the
/// default. Every problem is one line that names the flag or variable and says what to do.
/// </summary>
public static partial class SiloCommandLine
{
    /// <summary>Help is written for an 80-column terminal, whatever the terminal is.</summary>
    public const int HelpWidth = 80;

    // Declared before the options: static fields are initialized in order, and each option registers here.
    private static readonly Dictionary<Option, string> EnvironmentNames = [];
    private static readonly Dictionary<Option, string> Examples = [];

    private static readonly Option<string> HttpPort = Valued("--http-port", "WITN_HTTP_PORT", "5080", "<port>", "HTTP port of the API, dashboard and health endpoints");
    private static readonly Option<string> SiloPort = Valued("--silo-port", "WITN_SILO_PORT", "11111", "<port>", "Orleans silo-to-silo port");
    private static readonly Option<string> GatewayPort = Valued("--gateway-port", "WITN_GATEWAY_PORT", "30000", "<port>", "Orleans gateway port for .NET clients");
    private static readonly Option<string> DataDir = Valued("--data-dir", "WITN_DATA_DIR", SiloSettings.DefaultDataDirText, "<folder>", "the embedded PostgreSQL's data and admin.key", example: "./.witn");
    private static readonly Option<string> ConnectionString = Valued("--connection-string", "WITN_CONNECTION_STRING", "embedded", "<cs>", "PostgreSQL of the runtime role the silo works as; without it the silo runs its own PostgreSQL");
    private static readonly Option<string> MigrateConnectionString = Valued("--migrate-connection-string", "WITN_MIGRATE_CONNECTION_STRING", "none", "<cs>", "PostgreSQL of the owner role that applies the migrations (with --connection-string)");
    private static readonly Option<string> AllowOwnerRole = Switch("--allow-owner-role", "WITN_ALLOW_OWNER_ROLE", "let --connection-string be a superuser or the tables' owner (the database then cannot stop the silo from rewriting money)");
    private static readonly Option<string> Bind = Valued("--bind", "WITN_BIND", "127.0.0.1", "<address>", "address to listen on (0.0.0.0 for all interfaces)");
    private static readonly Option<string> ClusterId = Valued("--cluster-id", "WITN_CLUSTER_ID", "witn", "<id>", "silos sharing a database and cluster id form one cluster");
    private static readonly Option<string> Dev = Switch("--dev", "WITN_DEV", "development mode: the dashboard is on and opens without a key");
    private static readonly Option<string> Dashboard = Switch("--dashboard", "WITN_DASHBOARD", "serve the Orleans dashboard at /dashboard (admin key as its password)");
    private static readonly Option<string> Telemetry = Valued("--telemetry", "WITN_TELEMETRY", "on", "<on|off>", "OpenTelemetry: metrics at /metrics (admin or metrics key), OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; off turns all of it off", example: "off");
    private static readonly Option<string> Log = Valued("--log", "WITN_LOG", "postgres", "<mode>", "event delivery: postgres, or eventhubs (Azure Event Hubs delivers; PostgreSQL stays the log)");
    private static readonly Option<string> HubConnectionString = Valued("--eventhubs-connection-string", "WITN_EVENTHUBS_CONNECTION_STRING", "none", "<cs>", "Event Hubs namespace connection string (with --log eventhubs)");
    private static readonly Option<string> HubName = Valued("--eventhubs-name", "WITN_EVENTHUBS_NAME", "its EntityPath", "<hub>", "event hub, unless the connection string has EntityPath (with --log eventhubs)");
    private static readonly Option<string> HubConsumerGroup = Valued("--eventhubs-consumer-group", "WITN_EVENTHUBS_CONSUMER_GROUP", EventHubsSettings.DefaultConsumerGroup, "<group>", "consumer group the silos read with (with --log eventhubs)");

    private static readonly Option<string> StripeApiKey = Valued("--stripe-api-key", "WITN_STRIPE_API_KEY", "none", "<key>", "Stripe secret key (sk_test_… in test mode): finalized invoices of tenants with stripe settings go to Stripe; prefer the variable or the file form", example: "sk_test_…");
    private static readonly Option<string> StripeApiKeyFile = Valued("--stripe-api-key-file", "WITN_STRIPE_API_KEY_FILE", "none", "<file>", "file holding the Stripe secret key (instead of --stripe-api-key)", example: "/run/secrets/stripe");
    private static readonly Option<string> StripeApiBase = Valued("--stripe-api-base", "WITN_STRIPE_API_BASE", "https://api.stripe.com", "<url>", "Stripe API address (tests and staging point elsewhere)");
    private static readonly Option<string> LagoApiUrl = Valued("--lago-api-url", "WITN_LAGO_API_URL", "none", "<url>", "Lago API address: settled charges of tenants with lago settings go to Lago as events", example: "https://api.getlago.com");
    private static readonly Option<string> LagoApiKey = Valued("--lago-api-key", "WITN_LAGO_API_KEY", "none", "<key>", "Lago API key (with --lago-api-url); prefer the variable or the file form", example: "…");
    private static readonly Option<string> LagoApiKeyFile = Valued("--lago-api-key-file", "WITN_LAGO_API_KEY_FILE", "none", "<file>", "file holding the Lago API key (instead of --lago-api-key)", example: "/run/secrets/lago");

    private static readonly Option<string>[] All =
    [
        HttpPort, SiloPort, GatewayPort, DataDir, ConnectionString, MigrateConnectionString, AllowOwnerRole, Bind, ClusterId,
        Dev, Dashboard, Telemetry, Log, HubConnectionString, HubName, HubConsumerGroup,
        StripeApiKey, StripeApiKeyFile, StripeApiBase, LagoApiUrl, LagoApiKey, LagoApiKeyFile,
    ];

    private static RootCommand Command()
    {
        var root = new RootCommand("Witn.Actors silo: the Orleans silo, the HTTP API and (unless given a connection string) a private PostgreSQL.");
        foreach (var option in All)
        {
            root.Options.Add(option);
        }

        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction action)
        {
            action.MaxWidth = HelpWidth;
        }

        return root;
    }

    /// <summary>The help text (<c>--help</c>).</summary>
    public static string Usage
    {
        get
        {
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            Command().Parse(["--help"]).Invoke(new InvocationConfiguration { Output = text });
            SettingsHelp.Write(text);
            return text.ToString();
        }
    }

    /// <summary>Parses the options; <paramref name="error"/> is one line when they are unusable, null otherwise.</summary>
    public static SiloSettings? Parse(IReadOnlyList<string> args, IDictionary environment, out string? error, out bool helpRequested)
    {
        // No response files: a value starting with '@' is a value, not a file to read arguments from.
        var result = Command().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        helpRequested = result.Action is HelpAction;
        error = null;
        if (helpRequested)
        {
            return null;
        }

        if (result.UnmatchedTokens.FirstOrDefault() is { } unknown)
        {
            error = $"unknown option '{unknown}'; valid options are {string.Join(", ", All.Select(o => o.Name))} (see --help)";
            return null;
        }

        if (result.Errors.FirstOrDefault() is { } parseError)
        {
            // The one error System.CommandLine can find in these options: a flag without its value.
            var flag = parseError.SymbolResult is System.CommandLine.Parsing.OptionResult o ? o.Option : null;
            error = flag is null ? parseError.Message : $"{flag.Name} needs a value, e.g. {flag.Name} {Examples[flag]}";
            return null;
        }

        var values = new Dictionary<Option, (string Value, string Source)>();
        foreach (var option in All)
        {
            if (result.GetResult(option) is { } given)
            {
                values[option] = (given.Tokens.Count > 0 ? given.Tokens[0].Value : "true", option.Name);
            }
            else if (environment[EnvironmentNames[option]] is string env && env.Length > 0)
            {
                values[option] = (env, EnvironmentNames[option]);
            }
        }

        var errors = new List<string>();
        var settings = new SiloSettings { DataDir = SiloSettings.DefaultDataDir(environment) };
        settings = settings with
        {
            HttpPort = Port(values, HttpPort, settings.HttpPort, errors),
            SiloPort = Port(values, SiloPort, settings.SiloPort, errors),
            GatewayPort = Port(values, GatewayPort, settings.GatewayPort, errors),
            DataDir = values.TryGetValue(DataDir, out var dataDir) ? Path.GetFullPath(dataDir.Value) : settings.DataDir,
            ConnectionString = PostgresConnectionString(values, ConnectionString, errors),
            MigrateConnectionString = PostgresConnectionString(values, MigrateConnectionString, errors),
            AllowOwnerRole = IsOn(values, AllowOwnerRole, errors),
            Dev = IsOn(values, Dev, errors),
            Dashboard = IsOn(values, Dashboard, errors),
            Telemetry = TelemetryOn(values, errors),
        };

        if (!values.ContainsKey(ConnectionString))
        {
            // The embedded PostgreSQL has its own owner and runtime roles: these options would silently do nothing.
            foreach (var option in new[] { MigrateConnectionString, AllowOwnerRole }.Where(values.ContainsKey))
            {
                errors.Add($"{values[option].Source} is only used with --connection-string (the embedded PostgreSQL migrates as its own owner role and runs as its runtime role): add --connection-string, or remove it");
            }
        }

        if (values.TryGetValue(Bind, out var bind))
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

        if (values.TryGetValue(ClusterId, out var cluster))
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

        settings = LogSettings(values, settings, errors);
        settings = settings with { Payments = PaymentSettings(values, errors) };

        var ports = new[] { (HttpPort.Name, settings.HttpPort), (SiloPort.Name, settings.SiloPort), (GatewayPort.Name, settings.GatewayPort) };
        foreach (var clash in ports.GroupBy(p => p.Item2).Where(g => g.Count() > 1))
        {
            errors.Add($"{string.Join(" and ", clash.Select(p => p.Item1))} are both {clash.Key}: each needs a port of its own");
        }

        error = errors.FirstOrDefault();
        return errors.Count > 0 ? null : settings;
    }

    private static Option<string> Valued(string name, string environment, string defaultText, string helpName, string description, string? example = null)
    {
        var option = new Option<string>(name) { HelpName = helpName.Trim('<', '>'), Description = $"{description} [{environment}; default {defaultText}]" };
        EnvironmentNames[option] = environment;
        Examples[option] = example ?? defaultText;
        return option;
    }

    private static Option<string> Switch(string name, string environment, string description)
    {
        // A switch alone means on; --dashboard=false (or WITN_DASHBOARD=false) turns it off explicitly.
        var option = new Option<string>(name) { Arity = ArgumentArity.ZeroOrOne, HelpName = "true|false", Description = $"{description} [{environment}; default off]" };
        EnvironmentNames[option] = environment;
        Examples[option] = "true";
        return option;
    }

    private static bool IsOn(Dictionary<Option, (string Value, string Source)> values, Option option, List<string> errors)
    {
        if (!values.TryGetValue(option, out var given))
        {
            return false;
        }

        switch (given.Value.ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on":
                return true;
            case "false" or "0" or "no" or "off":
                return false;
            default:
                errors.Add($"{given.Source} '{given.Value}' must be true or false");
                return false;
        }
    }

    // On unless turned off: "off" (or false, 0, no) turns off every provider, exporter and the /metrics route.
    private static bool TelemetryOn(Dictionary<Option, (string Value, string Source)> values, List<string> errors)
    {
        if (!values.TryGetValue(Telemetry, out var given))
        {
            return true;
        }

        switch (given.Value.ToLowerInvariant())
        {
            case "on" or "true" or "1" or "yes":
                return true;
            case "off" or "false" or "0" or "no":
                return false;
            default:
                errors.Add($"{given.Source} '{given.Value}' must be on or off");
                return true;
        }
    }

    private static int Port(Dictionary<Option, (string Value, string Source)> values, Option option, int fallback, List<string> errors)
    {
        if (!values.TryGetValue(option, out var raw))
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

    private static string? PostgresConnectionString(Dictionary<Option, (string Value, string Source)> values, Option option, List<string> errors)
    {
        if (!values.TryGetValue(option, out var cs))
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

    private static SiloSettings LogSettings(Dictionary<Option, (string Value, string Source)> values, SiloSettings settings, List<string> errors)
    {
        var mode = LogMode.Postgres;
        if (values.TryGetValue(Log, out var log))
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

        if (mode == LogMode.Postgres)
        {
            // A forgotten --log eventhubs must not silently run the silo in the other mode.
            foreach (var option in new[] { HubConnectionString, HubName, HubConsumerGroup }.Where(values.ContainsKey))
            {
                errors.Add($"{values[option].Source} is only used with --log eventhubs: add --log eventhubs (or WITN_LOG=eventhubs), or remove it");
            }

            return settings;
        }

        if (!values.TryGetValue(HubConnectionString, out var cs))
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

        var name = values.TryGetValue(HubName, out var n) ? n.Value : properties.EventHubName;
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

        var group = values.TryGetValue(HubConsumerGroup, out var g) ? g.Value : EventHubsSettings.DefaultConsumerGroup;
        return settings with { Log = mode, EventHubs = new EventHubsSettings(cs.Value, name, group, properties.FullyQualifiedNamespace) };
    }

    private static Exports.PaymentProviders PaymentSettings(Dictionary<Option, (string Value, string Source)> values, List<string> errors)
    {
        var stripeKey = Secret(values, StripeApiKey, StripeApiKeyFile, errors);
        var stripeBase = Address(values, StripeApiBase, errors) ?? Exports.PaymentProviders.DefaultStripeApiBase;
        var lagoUrl = Address(values, LagoApiUrl, errors);
        var lagoKey = Secret(values, LagoApiKey, LagoApiKeyFile, errors);
        if ((lagoUrl is null) != (lagoKey is null) && !errors.Any(e => e.Contains("lago", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(lagoUrl is null
                ? "--lago-api-key needs --lago-api-url (or WITN_LAGO_API_URL): the address of your Lago API, such as https://api.getlago.com"
                : "--lago-api-url needs --lago-api-key (or WITN_LAGO_API_KEY, or WITN_LAGO_API_KEY_FILE): the API key from Lago's developer settings");
        }

        return new Exports.PaymentProviders(stripeKey, stripeBase, lagoUrl, lagoKey);
    }

    // A key is given as a value or as a file holding it, not both; it is never echoed in a message.
    private static Exports.ProviderSecret? Secret(Dictionary<Option, (string Value, string Source)> values, Option key, Option file, List<string> errors)
    {
        var hasKey = values.TryGetValue(key, out var given);
        var hasFile = values.TryGetValue(file, out var path);
        if (hasKey && hasFile)
        {
            errors.Add($"{given.Source} and {path.Source} both give the key: give one of them");
            return null;
        }

        if (hasFile)
        {
            try
            {
                var text = File.ReadAllText(path.Value).Trim();
                if (text.Length == 0)
                {
                    errors.Add($"{path.Source} '{path.Value}' is empty: put the key in it, alone on one line");
                    return null;
                }

                return new Exports.ProviderSecret(text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                errors.Add($"{path.Source} '{path.Value}' cannot be read ({e.Message}): give a readable file holding the key");
                return null;
            }
        }

        return hasKey ? new Exports.ProviderSecret(given.Value.Trim()) : null;
    }

    private static Uri? Address(Dictionary<Option, (string Value, string Source)> values, Option option, List<string> errors)
    {
        if (!values.TryGetValue(option, out var given))
        {
            return null;
        }

        if (Uri.TryCreate(given.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        errors.Add($"{given.Source} '{given.Value}' is not an http(s) address: use e.g. {Examples[option]}");
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClusterIdRegex();
}
