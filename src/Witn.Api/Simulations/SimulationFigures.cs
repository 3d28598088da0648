using System.Globalization;
using Witn.Abstractions.Replay;
using Witn.Domain.Common;
using Witn.Domain.Money;

namespace Witn.Api.Simulations;

/// <summary>
/// A simulation's figures grouped for reading (the API, the CSV export and the report page all use these): actual
/// against simulated by tenant, definition or period, per currency; totals; the per-tenant change and top movers.
/// Percentages are of actual, rounded to two decimals; none when actual is zero.
/// </summary>
public static class SimulationFigures
{
    public static readonly IReadOnlyList<string> Groupings = ["tenant", "definition", "period"];

    public static SimulationResultsResponse Results(SimulationInfo simulation, IReadOnlyList<SimulationResultInfo> rows, string by, int movers = 10)
    {
        var grouped = Group(rows, by switch
        {
            "tenant" => r => r.TenantId,
            "definition" => r => r.Definition.Length == 0 ? "(period lines)" : r.Definition,
            _ => r => Instants.Iso(r.Period),
        });
        var totals = Group(rows, _ => "total");
        var tenants = Group(rows, r => r.TenantId);
        var changes = tenants.Where(t => t.DeltaPercent is not null).Select(t => t.DeltaPercent!.Value).Order().ToList();
        return new SimulationResultsResponse(
            simulation.Id,
            by,
            SimulationResponses.Parity(simulation.ParityJson),
            grouped,
            totals,
            new TenantChangeResponse(Percentile(changes, 0.50m), Percentile(changes, 0.95m), changes.Count),
            [.. tenants.OrderByDescending(t => Math.Abs(decimal.Parse(t.DeltaAmount, CultureInfo.InvariantCulture))).ThenBy(t => t.Key, StringComparer.Ordinal).Take(movers)]);
    }

    /// <summary>Actual and simulated net per period as a line chart (the first currency's, when there are several).</summary>
    public static string Chart(IReadOnlyList<SimulationResultInfo> rows)
    {
        var currency = rows.Select(r => r.Currency).FirstOrDefault(c => c is not null);
        var periods = rows.Where(r => r.Currency == currency || r.Currency is null).GroupBy(r => DateOnly.FromDateTime(r.Period.UtcDateTime)).OrderBy(g => g.Key).ToList();
        if (periods.Count == 0)
        {
            return "";
        }

        var actual = periods.Select(g => new OperatorConsole.ChartPoint(g.Key, (double)g.Sum(r => r.ActualAmount))).ToList();
        var simulated = periods.Select(g => new OperatorConsole.ChartPoint(g.Key, (double)g.Sum(r => r.SimulatedAmount))).ToList();
        var max = Math.Max(1, actual.Concat(simulated).Max(p => p.Value) * 1.1);
        return OperatorConsole.LineChart.Svg(
            $"Net billed per period{(currency is null ? "" : $" ({currency})")}, actual and simulated",
            periods[0].Key,
            periods[^1].Key,
            [new OperatorConsole.ChartSeries("actual (versions in force)", actual), new OperatorConsole.ChartSeries("simulated (candidates)", simulated)],
            max,
            v => v.ToString("0.##", CultureInfo.InvariantCulture));
    }

    private static List<SimulationRowResponse> Group(IReadOnlyList<SimulationResultInfo> rows, Func<SimulationResultInfo, string> key) =>
        [.. rows.Where(r => r.Currency is not null || r.ActualOutcomes != 0 || r.SimulatedOutcomes != 0)
            .GroupBy(r => (Key: key(r), r.Currency))
            .OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => Row(g.Key.Key, g.Key.Currency, g.Sum(r => r.ActualOutcomes), g.Sum(r => r.SimulatedOutcomes), g.Sum(r => r.ActualAmount), g.Sum(r => r.SimulatedAmount)))];

    private static SimulationRowResponse Row(string key, string? currency, long actualOutcomes, long simulatedOutcomes, decimal actual, decimal simulated)
    {
        var delta = simulated - actual;
        return new SimulationRowResponse(
            key, currency, actualOutcomes, simulatedOutcomes, Text(actual, currency), Text(simulated, currency), Text(delta, currency),
            actual == 0 ? null : Math.Round(delta / Math.Abs(actual) * 100m, 2, MidpointRounding.AwayFromZero));
    }

    private static string Text(decimal amount, string? currency) =>
        currency is null ? amount.ToString("0.##", CultureInfo.InvariantCulture) : MoneyFormat.Text(amount, currency);

    // Nearest rank: the smallest value with at least p of the values at or below it.
    private static decimal? Percentile(IReadOnlyList<decimal> sorted, decimal p) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
