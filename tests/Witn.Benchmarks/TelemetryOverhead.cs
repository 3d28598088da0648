using System.Globalization;

namespace Witn.Benchmarks;

/// <summary>
/// Runs a scenario twice in one run, its silo first with <c>--telemetry off</c> and then as it starts by default
/// (telemetry on: the engine's meters, ASP.NET Core, HttpClient and Npgsql instrumentation, the Prometheus exporter;
/// no OTLP endpoint, so no traces), and reports the default run's figures, the off run's under a
/// <c>telemetry off:</c> prefix, and the overhead of each throughput and per-event CPU figure in %.
/// </summary>
public sealed class TelemetryOverhead(IScenario inner) : IScenario
{
    public const string OffPrefix = "telemetry off: ";

    public string Name => inner.Name;

    public string Description => $"{inner.Description}; telemetry off, then on, with the overhead in %";

    public IReadOnlyList<BenchmarkResult> Run(TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        log.WriteLine("== telemetry off (--telemetry off)");
        RunOptions.SiloArguments = ["--telemetry", "off"];
        IReadOnlyList<BenchmarkResult> off;
        try
        {
            off = inner.Run(log);
        }
        finally
        {
            RunOptions.SiloArguments = [];
        }

        log.WriteLine("== telemetry on (the default)");
        var on = inner.Run(log);
        var results = new List<BenchmarkResult>(on);
        results.AddRange(off.Select(r => r with { Name = OffPrefix + r.Name }));
        foreach (var figure in on)
        {
            if (off.FirstOrDefault(o => o.Name == figure.Name) is not { Value: > 0 } before)
            {
                continue;
            }

            // Throughput falls with overhead; a per-event cost rises with it: both as a positive % when telemetry costs.
            double? overhead = figure.Unit == "events/s" ? 100 * (before.Value - figure.Value) / before.Value
                : figure.Name.StartsWith("per event: silo CPU", StringComparison.Ordinal) ? 100 * (figure.Value - before.Value) / before.Value
                : null;
            if (overhead is { } pct)
            {
                results.Add(new($"{figure.Name}: telemetry overhead", pct, "%"));
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{figure.Name}: off {before.Value:N1}, on {figure.Value:N1} {figure.Unit}: telemetry overhead {pct:F1} %"));
            }
        }

        return results;
    }
}
