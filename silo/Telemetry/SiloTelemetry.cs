using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Witn.Api.Security;
using Witn.Grains.Telemetry;
using Witn.Silo.Options;
using Witn.Storage.Telemetry;

namespace Witn.Silo.Telemetry;

/// <summary>
/// OpenTelemetry for the silo (the SDK's providers and exporters, nothing hand-written): the engine's meters and
/// sources, ASP.NET Core, HttpClient (webhooks) and Npgsql instrumentation; metrics at <c>GET /metrics</c>
/// (Prometheus text, for admin or metrics keys) and, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, metrics and
/// traces over OTLP. With <c>--telemetry off</c> none of it is registered: no provider, no listener, no route.
/// </summary>
public static class SiloTelemetry
{
    /// <summary>The standard variable that turns the OTLP exporter on (the SDK reads its siblings, OTEL_EXPORTER_OTLP_*, itself).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string MetricsPath = "/metrics";

    /// <summary>Orleans 10's activity source for application grain calls (Orleans.Runtime.ActivitySources).</summary>
    public const string OrleansApplicationSource = "Microsoft.Orleans.Application";

    /// <summary>Whether traces are recorded: only when something receives them (an OTLP endpoint, or <see cref="TelemetryOptions.Traces"/> for an exporter added in code).</summary>
    public static bool TracesOn(SiloSettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        return settings.Telemetry && (Otlp(configuration) || configuration.GetValue<bool>($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.Traces)}"));
    }

    public static void Add(WebApplicationBuilder builder, SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Telemetry)
        {
            return;
        }

        var otlp = Otlp(builder.Configuration);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("witn-silo", serviceInstanceId: $"{Environment.MachineName}-{settings.HttpPort}"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. WitnTelemetry.Meters])
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        if (TracesOn(settings, builder.Configuration))
        {
            otel.WithTracing(tracing =>
            {
                // Orleans' application grain calls carry the trace from grain to grain (AddActivityPropagation).
                tracing.AddSource([.. WitnTelemetry.Sources, OrleansApplicationSource])
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsPlumbing(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        }
    }

    /// <summary>Serves <c>GET /metrics</c> when telemetry is on: Prometheus text for a key with the admin or metrics scope, never a tenant's key.</summary>
    public static void Map(WebApplication app, SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Telemetry)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath)
                .WithMetadata(new Microsoft.AspNetCore.Routing.HttpMethodMetadata([HttpMethods.Get]))
                .RequireAuthorization(WitnPolicies.Metrics)
                .WithMetadata(KeyReach.Operator("the metrics of every tenant"));
        }
    }

    private static bool Otlp(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);

    // Scrapes and probes are not the traffic an operator traces.
    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.Ordinal) || path.StartsWithSegments("/healthz", StringComparison.Ordinal) || path.StartsWithSegments("/readyz", StringComparison.Ordinal);
}
