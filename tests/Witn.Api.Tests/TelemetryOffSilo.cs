using Witn.Silo.Options;

namespace Witn.Api.Tests;

/// <summary>The host as <c>--telemetry off</c> starts it.</summary>
public sealed class TelemetryOffSilo : InProcessSilo
{
    protected override SiloSettings Adjust(SiloSettings settings) => settings with { Telemetry = false };
}
