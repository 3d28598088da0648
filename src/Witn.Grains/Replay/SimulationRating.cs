using Witn.Abstractions.Replay;
using System.Text.Json.Nodes;
using Witn.Domain.Common;
using Witn.Domain.Contracts;
using Witn.Domain.Invoices;
using Witn.Domain.Money;
using Witn.Grains.Contracts;
using Witn.Grains.Invoices;
using Witn.Storage.Invoices;
using Witn.Storage.Ledger;
using Witn.Storage.Simulations;

namespace Witn.Grains.Replay;

/// <summary>
/// Rates a simulation's rollups into invoices with the live invoicer's own code (<see cref="Invoicer.RateUsageAsync"/>):
/// the replay side against the ledger's invoice for every period (invoice parity, to the cent: a final invoice's stored
/// total, a draft's running totals), and the simulated
/// side, with the candidate contract when there is one. Writes the per-tenant, definition and period figures.
/// </summary>
public sealed class SimulationRating(SimulationStore store, Invoicer invoicer, ContractBook book, InvoiceStore invoices)
{
    /// <summary>Rates one tenant; returns its invoice parity entries (checked only when the whole history was replayed).</summary>
    public async Task<JsonArray> RateAsync(Guid simulationId, SimulationRequest request, string tenantId, CancellationToken cancellationToken = default)
    {
        var usage = await store.ListUsageAsync(simulationId, tenantId, cancellationToken);
        var billing = await book.GetBillingAsync(tenantId, cancellationToken);
        var candidate = SimulationCandidates.Contract(request, tenantId);
        var wholeHistory = request.From is null && request.To is null;
        var parity = new JsonArray();
        var results = new List<SimulationResultRow>();
        var replaySide = usage.Where(u => u.Side == "replay").ToList();
        var simulatedSide = request.HasCandidates ? usage.Where(u => u.Side == "simulated").ToList() : replaySide;
        // A final invoice is compared as it was issued (its stored total), a draft as the invoicer rates it now.
        var finals = (await invoices.ListFinalAsync(tenantId, cancellationToken)).ToDictionary(f => f.PeriodStart.ToUniversalTime());

        foreach (var start in replaySide.Select(u => u.Period).Union(simulatedSide.Select(u => u.Period)).Distinct().Order())
        {
            var range = BillingPeriods.Containing(billing, start);
            var actual = await invoicer.RateUsageAsync(tenantId, range, Usage(replaySide, start));
            var simulatedRange = candidate is null ? range : BillingPeriods.Containing(candidate.BillingPeriod, start);
            var simulated = await invoicer.RateUsageAsync(tenantId, simulatedRange, Usage(simulatedSide, start), candidate);
            if (wholeHistory && actual is not null && await LedgerTotalAsync(tenantId, range, finals) is { } ledger)
            {
                var replayed = Money.ToMinorUnits(actual.Total, actual.Currency);
                parity.Add(new JsonObject
                {
                    ["tenant"] = tenantId,
                    ["period_start"] = Instants.Iso(range.Start),
                    ["ledger_total"] = MoneyFormat.Text(Money.FromMinorUnits(ledger.Minor, ledger.Currency), ledger.Currency),
                    ["replay_total"] = MoneyFormat.Text(actual.Total, actual.Currency),
                    ["currency"] = ledger.Currency,
                    ["final"] = ledger.Final,
                    ["matches"] = ledger.Minor == replayed && ledger.Currency == actual.Currency,
                });
            }

            var definitions = replaySide.Concat(simulatedSide).Where(u => u.Period == start).Select(u => u.Outcome).Append("").Distinct(StringComparer.Ordinal);
            foreach (var definition in definitions)
            {
                results.Add(new SimulationResultRow(
                    tenantId,
                    definition,
                    start,
                    actual?.Currency ?? simulated?.Currency,
                    Standing(replaySide, start, definition),
                    Net(actual, definition),
                    Standing(simulatedSide, start, definition),
                    Net(simulated, definition)));
            }
        }

        await store.WriteResultsAsync(simulationId, results, cancellationToken);
        return parity;
    }

    private async Task<(long Minor, string Currency, bool Final)?> LedgerTotalAsync(
        string tenantId, PeriodRange range, Dictionary<DateTimeOffset, FinalInvoiceRow> finals)
    {
        if (finals.TryGetValue(range.Start.ToUniversalTime(), out var final))
        {
            return (final.TotalMinor, final.Currency, true);
        }

        return await invoicer.RateUsageAsync(tenantId, range, null) is { } draft ? (Money.ToMinorUnits(draft.Total, draft.Currency), draft.Currency, false) : null;
    }

    private static PeriodUsage Usage(IEnumerable<SimulationUsageRow> rows, DateTimeOffset period)
    {
        var inPeriod = rows.Where(r => r.Period == period).ToList();
        return new PeriodUsage(
            [.. inPeriod.Where(r => r.Kind == "charge").Select(r => new OutcomeRollup(r.Outcome, r.ContractVersion, r.Bucket, r.UnitPrice, r.Quantity, r.ValueSum))],
            [.. inPeriod.Where(r => r.Kind == "credit").GroupBy(r => r.Outcome).Select(g => new CreditRollup(g.Key, g.Sum(r => r.Quantity), g.Sum(r => r.AmountMinor)))]);
    }

    private static long Standing(IEnumerable<SimulationUsageRow> rows, DateTimeOffset period, string definition) =>
        rows.Where(r => r.Kind == "standing" && r.Period == period && r.Outcome == definition).Sum(r => r.Quantity);

    // A definition's net on the invoice: its outcome lines and its credits; '' is the period's own lines (base fee, meters, caps, minimum).
    private static long Net(RatedInvoice? rated, string definition) =>
        rated is null ? 0 : Money.ToMinorUnits(rated.Lines.Where(l => (l.Meter is null ? l.Outcome ?? "" : "") == definition).Sum(l => l.Amount), rated.Currency);
}
