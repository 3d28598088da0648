using System.Diagnostics;
using System.Diagnostics.Metrics;
using Witn.Grains.Telemetry;
using Witn.Storage.Telemetry;

namespace Witn.Grains.Invoices;

/// <summary>Invoicing's instruments (meter <c>Witn.Invoices</c>): invoices finalized and how long finalizing one takes.</summary>
public sealed class InvoiceMetrics
{
    private readonly Counter<long> _finalized;
    private readonly Histogram<double> _duration;
    private readonly TenantTags _tenants;

    public InvoiceMetrics(IMeterFactory meters, TenantTags tenants)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _tenants = tenants;
        var meter = meters.Create(WitnTelemetry.Invoices);
        _finalized = meter.CreateCounter<long>("witn.invoices.finalized", "{invoice}", "Invoices finalized (by hand or automatically); a repeated finalize of the same period counts once.");
        _duration = meter.CreateHistogram<double>("witn.invoices.finalize.duration", "s", "Time to rate and store one final invoice.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void Finalized(string tenant, TimeSpan took)
    {
        var tags = new TagList();
        if (_tenants.Enabled)
        {
            tags.Add(TenantTags.Name, _tenants.Of(tenant));
        }

        _finalized.Add(1, tags);
        _duration.Record(took.TotalSeconds, tags);
    }
}
