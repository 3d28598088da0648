using System.Globalization;
using System.Text;
using Witn.Abstractions.Replay;

namespace Witn.Api.Simulations;

/// <summary>CSV exports (RFC 4180: comma-separated, CRLF, fields quoted when they hold a comma, quote or line break).</summary>
public static class SimulationCsv
{
    public static string Results(SimulationResultsResponse results)
    {
        var csv = new StringBuilder();
        Line(csv, [results.By, "currency", "actual_outcomes", "simulated_outcomes", "actual_amount", "simulated_amount", "delta_amount", "delta_percent"]);
        foreach (var r in results.Rows)
        {
            Line(csv, [r.Key, r.Currency ?? "", Number(r.ActualOutcomes), Number(r.SimulatedOutcomes), r.ActualAmount, r.SimulatedAmount, r.DeltaAmount,
                r.DeltaPercent?.ToString(CultureInfo.InvariantCulture) ?? ""]);
        }

        return csv.ToString();
    }

    public static string Flips(IEnumerable<SimulationOutcomeInfo> flips)
    {
        var csv = new StringBuilder();
        Line(csv, ["tenant", "definition", "correlation", "before_status", "after_status", "before_amount", "after_amount", "before", "after", "event_ids"]);
        foreach (var f in flips)
        {
            var (before, after) = (SimulationResponses.Flip(f).Before, SimulationResponses.Flip(f).After);
            Line(csv, [f.TenantId, f.Definition, f.Correlation, Text(before, "status"), Text(after, "status"), Text(before, "amount"), Text(after, "amount"),
                Text(before, "summary"), Text(after, "summary"), string.Join(' ', f.EventIds)]);
        }

        return csv.ToString();
    }

    private static string Text(System.Text.Json.JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : "";

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Field));
        csv.Append("\r\n");
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
