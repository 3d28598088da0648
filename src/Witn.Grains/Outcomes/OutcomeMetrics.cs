using System.Diagnostics;
using System.Diagnostics.Metrics;
using Witn.Grains.Telemetry;
using Witn.Storage.Telemetry;

namespace Witn.Grains.Outcomes;

/// <summary>
/// Outcome lifecycles' instruments (meter <c>Witn.Outcomes</c>): transitions as they are stored, how late settled
/// outcomes were charged, and the backlog of live outcomes that are due and not yet settled (counted by each
/// silo's due sweep, so reading the gauge never queries the database).
/// </summary>
public sealed class OutcomeMetrics
{
    private readonly Counter<long> _transitions;
    private readonly Histogram<double> _lateness;
    private readonly TenantTags _tenants;
    private volatile IReadOnlyList<(string Tenant, long Count)> _backlog = [];

    public OutcomeMetrics(IMeterFactory meters, TenantTags tenants)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _tenants = tenants;
        var meter = meters.Create(WitnTelemetry.Outcomes);
        _transitions = meter.CreateCounter<long>("witn.outcomes.transitions", "{transition}", "Outcomes entering a state (open, qualified, in_review, settled, voided, …), by state and definition, as stored.");
        _lateness = meter.CreateHistogram<double>("witn.outcomes.settlement.lateness", "s", "How long after its settlement moment a live outcome's charge was committed.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600] });
        meter.CreateObservableGauge("witn.outcomes.backlog", Backlog, "{outcome}",
            "Live outcomes due (settlement, window end or retry) and not yet done, as this silo's last due sweep counted them (cluster-wide: take the max over silos, not the sum).");
    }

    /// <summary>An outcome's stored state changed to <paramref name="state"/>.</summary>
    public void Transition(string tenant, string definition, string state)
    {
        if (!_transitions.Enabled)
        {
            return;
        }

        var tags = new TagList { { "state", state }, { "definition", definition } };
        if (_tenants.Enabled)
        {
            tags.Add(TenantTags.Name, _tenants.Of(tenant));
        }

        _transitions.Add(1, tags);
    }

    /// <summary>A live outcome's charge was committed <paramref name="late"/> after its settlement moment.</summary>
    public void Settled(string tenant, string definition, TimeSpan late)
    {
        if (!_lateness.Enabled)
        {
            return;
        }

        var tags = new TagList { { "definition", definition } };
        if (_tenants.Enabled)
        {
            tags.Add(TenantTags.Name, _tenants.Of(tenant));
        }

        _lateness.Record(Math.Max(0, late.TotalSeconds), tags);
    }

    /// <summary>The due sweep's count of due live outcomes per tenant.</summary>
    public void SetBacklog(IReadOnlyList<(string Tenant, long Count)> backlog) => _backlog = backlog;

    private IEnumerable<Measurement<long>> Backlog()
    {
        var backlog = _backlog;
        if (!_tenants.Enabled)
        {
            long total = 0;
            foreach (var (_, count) in backlog)
            {
                total += count;
            }

            return [new Measurement<long>(total)];
        }

        var byTenant = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (tenant, count) in backlog)
        {
            var name = _tenants.Of(tenant);
            byTenant[name] = byTenant.GetValueOrDefault(name) + count;
        }

        return [.. byTenant.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>(TenantTags.Name, kv.Key)))];
    }
}
