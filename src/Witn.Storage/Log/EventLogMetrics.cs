using System.Diagnostics.Metrics;
using Witn.Storage.Telemetry;

namespace Witn.Storage.Log;

/// <summary>The log writer's instruments (meter <c>Witn.Log</c>): how big each group-commit flush is and how long it takes.</summary>
public sealed class EventLogMetrics
{
    public EventLogMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(WitnTelemetry.Log);
        FlushSize = meter.CreateHistogram<int>("witn.log.flush.size", "{event}", "Records written by one group-commit flush (one transaction).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] });
        FlushDuration = meter.CreateHistogram<double>("witn.log.flush.duration", "s", "Time from a flush's start to its commit (or failure).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    public Histogram<int> FlushSize { get; }

    public Histogram<double> FlushDuration { get; }
}
