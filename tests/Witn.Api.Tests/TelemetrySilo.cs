using OpenTelemetry.Trace;

namespace Witn.Api.Tests;

/// <summary>The host with telemetry on (the default) and traces recorded into <see cref="Exported"/> (an in-memory exporter on the silo's own tracer provider).</summary>
public sealed class TelemetrySilo : InProcessSilo
{
    public TelemetrySilo()
        : this(new ExportedActivities())
    {
    }

    private TelemetrySilo(ExportedActivities exported)
        : base(
            new Dictionary<string, string?> { ["Witn:Telemetry:Traces"] = "true" },
            b => b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(exported)))
    {
        Exported = exported;
    }

    public ExportedActivities Exported { get; }
}
