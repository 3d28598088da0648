using System.Diagnostics;
using System.Diagnostics.Metrics;
using Witn.Grains.Telemetry;
using Witn.Storage.Telemetry;

namespace Witn.Grains.Ledger;

/// <summary>
/// The ledger's instruments (meter <c>Witn.Ledger</c>): charges and credits committed (new rows only: a retry that
/// finds its row counts nothing) and their amounts, by currency.
/// </summary>
public sealed class LedgerMetrics
{
    private readonly Counter<long> _charges;
    private readonly Counter<double> _charged;
    private readonly Counter<long> _credits;
    private readonly Counter<double> _credited;
    private readonly TenantTags _tenants;

    public LedgerMetrics(IMeterFactory meters, TenantTags tenants)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _tenants = tenants;
        var meter = meters.Create(WitnTelemetry.Ledger);
        _charges = meter.CreateCounter<long>("witn.ledger.charges", "{charge}", "Charges committed to the ledger, by definition and currency (unpriced: currency none).");
        _charged = meter.CreateCounter<double>("witn.ledger.charges.amount", "{currency_unit}", "Amount of the charges committed, in the currency's major unit, by currency.");
        _credits = meter.CreateCounter<long>("witn.ledger.credits", "{credit}", "Credits committed to the ledger (reversals, re-issues, dispute resolutions), by currency.");
        _credited = meter.CreateCounter<double>("witn.ledger.credits.amount", "{currency_unit}", "Amount of the credits committed, in the currency's major unit, by currency.");
    }

    public void Charged(string tenant, string definition, string? currency, decimal? amount)
    {
        if (!_charges.Enabled && !_charged.Enabled)
        {
            return;
        }

        var tags = new TagList { { "definition", definition }, { "currency", currency ?? "none" } };
        AddTenant(ref tags, tenant);
        _charges.Add(1, tags);
        if (amount is { } a)
        {
            _charged.Add((double)a, tags);
        }
    }

    public void Credited(string tenant, string? currency, decimal? amount)
    {
        if (!_credits.Enabled && !_credited.Enabled)
        {
            return;
        }

        var tags = new TagList { { "currency", currency ?? "none" } };
        AddTenant(ref tags, tenant);
        _credits.Add(1, tags);
        if (amount is { } a)
        {
            _credited.Add((double)a, tags);
        }
    }

    private void AddTenant(ref TagList tags, string tenant)
    {
        if (_tenants.Enabled)
        {
            tags.Add(TenantTags.Name, _tenants.Of(tenant));
        }
    }
}
