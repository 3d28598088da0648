using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Witn.Silo.Options;

namespace Witn.Api.Tests;

/// <summary><c>--telemetry off</c>: no provider or listener is registered, and /metrics does not exist.</summary>
public sealed class TelemetryOffTests(TelemetryOffSilo silo) : IClassFixture<TelemetryOffSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task with_telemetry_off_metrics_is_a_404_and_no_meter_or_tracer_provider_is_registered()
    {
        using var admin = silo.Client();

        using var scrape = await admin.GetAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.NotFound, scrape.StatusCode);
        Assert.Null(silo.Services.GetService<MeterProvider>());
        Assert.Null(silo.Services.GetService<TracerProvider>());
        using var keys = await admin.GetAsync("/v1/keys", Ct);
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
    }

    [Theory]
    [InlineData(new[] { "--telemetry", "off" }, null, false)]
    [InlineData(new[] { "--telemetry=on" }, "off", true)]
    [InlineData(new string[0], "off", false)]
    [InlineData(new string[0], null, true)]
    public void telemetry_is_on_unless_the_flag_or_its_variable_turns_it_off(string[] args, string? variable, bool on)
    {
        var environment = new System.Collections.Hashtable();
        if (variable is not null)
        {
            environment["WITN_TELEMETRY"] = variable;
        }

        var settings = SiloCommandLine.Parse(args, environment, out var error, out _);

        Assert.Null(error);
        Assert.Equal(on, settings!.Telemetry);
    }
}
