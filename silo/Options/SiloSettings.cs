using System.Net;

namespace Witn.Silo.Options;

/// <summary>Everything the silo needs to know before it starts, resolved from flags, environment and defaults.</summary>
public sealed record SiloSettings
{
    public int HttpPort { get; init; } = 5080;

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    /// <summary>How help and docs name the default data folder.</summary>
    public const string DefaultDataDirText = "$XDG_DATA_HOME/witn or ~/.local/share/witn";

    public string DataDir { get; init; } = DefaultDataDir(System.Environment.GetEnvironmentVariables());

    /// <summary>
    /// The data folder when none is given: the user's data folder (XDG base directories), never the working
    /// directory, so running the silo from a checkout writes nothing into it.
    /// </summary>
    public static string DefaultDataDir(System.Collections.IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var data = environment["XDG_DATA_HOME"] is string xdg && Path.IsPathFullyQualified(xdg)
            ? xdg
            : Path.Combine(environment["HOME"] as string is { Length: > 0 } home ? home : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(data, "witn");
    }

    /// <summary>The given PostgreSQL, as the runtime role the silo works as; null for the embedded PostgreSQL.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The given PostgreSQL as the owner role, which applies the migrations; null when none is given.</summary>
    public string? MigrateConnectionString { get; init; }

    /// <summary>
    /// Lets <see cref="ConnectionString"/> be a superuser or the tables' owner (and migrate as it when no
    /// <see cref="MigrateConnectionString"/> is given): a single-role deployment that gives up the database's refusals.
    /// </summary>
    public bool AllowOwnerRole { get; init; }

    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    public string ClusterId { get; init; } = "witn";

    /// <summary>Development mode: the dashboard is on and opens without a key.</summary>
    public bool Dev { get; init; }

    /// <summary>
    /// Whether the Orleans dashboard is served. Off unless asked for (or <see cref="Dev"/>): it exports every Orleans
    /// metric each second, and some of those gauges walk every resident grain (docs/benchmarks.md).
    /// </summary>
    public bool Dashboard { get; init; }

    public bool DashboardOn => Dashboard || Dev;

    /// <summary>
    /// Whether OpenTelemetry is on (the default): metrics at /metrics, OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is
    /// set. Off registers no provider and no listener, so the engine's instruments record nothing.
    /// </summary>
    public bool Telemetry { get; init; } = true;

    /// <summary>How events reach tenant grains; PostgreSQL stays the log either way.</summary>
    public LogMode Log { get; init; } = LogMode.Postgres;

    /// <summary>The event hub to deliver through; set exactly when <see cref="Log"/> is <see cref="LogMode.EventHubs"/>.</summary>
    public EventHubsSettings? EventHubs { get; init; }

    /// <summary>Where finalized money is handed on: Stripe's and Lago's keys and addresses (docs/payments.md).</summary>
    public Exports.PaymentProviders Payments { get; init; } = Exports.PaymentProviders.None;

    /// <summary>The address other silos and clients use to reach this one.</summary>
    public IPAddress AdvertisedAddress =>
        Bind.Equals(IPAddress.Any)
            ? Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Loopback
            : Bind;

    /// <summary>The host part of printed URLs.</summary>
    public string UrlHost => Bind.Equals(IPAddress.Any) ? "localhost" : Bind.ToString();

    public string AdminKeyFile => Path.Combine(DataDir, "admin.key");
}
