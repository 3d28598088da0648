namespace Witn.Grains.Telemetry;

/// <summary>
/// What the engine's metrics and traces carry (<c>Witn:Telemetry</c>). Turning telemetry off altogether is the
/// silo's <c>--telemetry off</c>; these settings shape it when it is on.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Witn:Telemetry";

    /// <summary>
    /// Whether metrics carry a <c>tenant</c> attribute. Off by default: every tenant multiplies every series, and a
    /// Prometheus with thousands of tenants times definitions times states is a Prometheus in trouble.
    /// </summary>
    public bool TenantAttribute { get; set; }

    /// <summary>With <see cref="TenantAttribute"/>: the first this many tenants a silo sees are named, the rest share <c>tenant="_other"</c>.</summary>
    public int MaxTenants { get; set; } = 100;

    /// <summary>
    /// Record traces even without <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (for an exporter added in code, e.g. a test's).
    /// Without an endpoint and without this, no trace is recorded: spans nobody receives cost only time.
    /// </summary>
    public bool Traces { get; set; }
}
