namespace Witn.Domain.Exports;

/// <summary>
/// Compares what the ledger says an exported invoice holds with what the provider holds, line by line and to the
/// cent: each ledger line with an amount is matched, missing at the provider or of another amount; each provider
/// object no ledger line explains (another line number, a second object for the same line) is unknown. It decides
/// nothing else: a reconciliation reports, it never corrects.
/// </summary>
public static class Reconciliation
{
    public static IReadOnlyList<ReconciliationFinding> Compare(IReadOnlyList<ExportLine> ledger, IReadOnlyList<ProviderLine> provider, string currency)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(provider);
        var findings = new List<ReconciliationFinding>();
        var byLine = provider.Where(p => p.Line is not null).GroupBy(p => p.Line!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var explained = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in ledger.Where(l => l.AmountMinor != 0).OrderBy(l => l.Line))
        {
            if (!byLine.TryGetValue(line.Line, out var held) || held.Count == 0)
            {
                findings.Add(new ReconciliationFinding(ReconciliationKind.MissingAtProvider, line.Line, line.AmountMinor, null, currency, null, "no object at the provider names this line"));
                continue;
            }

            var first = held[0];
            explained.Add(first.Id);
            var sameCurrency = string.Equals(first.Currency, currency, StringComparison.OrdinalIgnoreCase);
            findings.Add(first.AmountMinor == line.AmountMinor && sameCurrency
                ? new ReconciliationFinding(ReconciliationKind.Matched, line.Line, line.AmountMinor, first.AmountMinor, currency, first.Id, null)
                : new ReconciliationFinding(ReconciliationKind.AmountMismatch, line.Line, line.AmountMinor, first.AmountMinor, currency, first.Id,
                    sameCurrency ? $"the provider holds {first.AmountMinor - line.AmountMinor:+#;-#;0} minor units against the ledger" : $"the provider holds it in {first.Currency.ToUpperInvariant()}"));
        }

        foreach (var extra in provider.Where(p => !explained.Contains(p.Id)).OrderBy(p => p.Line ?? int.MaxValue).ThenBy(p => p.Id, StringComparer.Ordinal))
        {
            findings.Add(new ReconciliationFinding(ReconciliationKind.UnknownAtProvider, extra.Line, null, extra.AmountMinor, currency, extra.Id,
                extra.Line is null ? "the provider holds an object that names no invoice line" : "no ledger line (or a second object) for this line"));
        }

        return findings;
    }
}
