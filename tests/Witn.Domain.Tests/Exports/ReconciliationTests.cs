using CsCheck;
using Witn.Domain.Exports;

namespace Witn.Domain.Tests.Exports;

/// <summary>Reconciliation against a simple reference: every ledger line is accounted for once, every provider object once, to the cent.</summary>
public sealed class ReconciliationTests
{
    [Fact]
    public void each_line_and_each_provider_object_is_reported_once_with_the_kind_the_reference_gives()
    {
        var genLedger = Gen.Long[-5_000, 5_000].Array[0, 12].Select(amounts => amounts.Select((a, i) => Line(i, a)).ToArray());
        Gen.Select(genLedger, Gen.Int[0, 3].Array[12], Gen.Int[0, 3]).Sample((ledger, fate, strays) =>
        {
            // fate per line: 0 held as is, 1 held with another amount, 2 missing, 3 held twice.
            var provider = new List<ProviderLine>();
            var n = 0;
            foreach (var line in ledger.Where(l => l.AmountMinor != 0))
            {
                switch (fate[line.Line])
                {
                    case 0: provider.Add(new ProviderLine($"ii_{n++}", line.Line, line.AmountMinor, "usd")); break;
                    case 1: provider.Add(new ProviderLine($"ii_{n++}", line.Line, line.AmountMinor + 1, "usd")); break;
                    case 3:
                        provider.Add(new ProviderLine($"ii_{n++}", line.Line, line.AmountMinor, "usd"));
                        provider.Add(new ProviderLine($"ii_{n++}", line.Line, line.AmountMinor, "usd"));
                        break;
                }
            }

            for (var s = 0; s < strays; s++)
            {
                provider.Add(new ProviderLine($"ii_x{s}", null, 100, "usd"));
            }

            var findings = Reconciliation.Compare(ledger, provider, "USD");
            foreach (var line in ledger.Where(l => l.AmountMinor != 0))
            {
                var kind = Assert.Single(findings, f => f.Line == line.Line && f.Kind != ReconciliationKind.UnknownAtProvider).Kind;
                Assert.Equal(fate[line.Line] switch { 1 => ReconciliationKind.AmountMismatch, 2 => ReconciliationKind.MissingAtProvider, _ => ReconciliationKind.Matched }, kind);
            }

            var duplicates = ledger.Count(l => l.AmountMinor != 0 && fate[l.Line] == 3);
            Assert.Equal(duplicates + strays, findings.Count(f => f.Kind == ReconciliationKind.UnknownAtProvider));
            Assert.Equal(provider.Count, findings.Count(f => f.ProviderRef is not null));
            Assert.Equal(provider.Select(p => p.Id).Order(StringComparer.Ordinal), findings.Where(f => f.ProviderRef is not null).Select(f => f.ProviderRef!).Order(StringComparer.Ordinal));
        });
    }

    [Fact]
    public void an_amount_in_another_currency_is_a_mismatch_even_when_the_number_agrees()
    {
        var finding = Assert.Single(Reconciliation.Compare([Line(0, 250)], [new ProviderLine("ii_1", 0, 250, "eur")], "USD"));
        Assert.Equal(ReconciliationKind.AmountMismatch, finding.Kind);
    }

    private static ExportLine Line(int line, long amount) => new(line, "outcome", "ticket_resolved", "ticket_resolved", 1, amount, 1, null);
}
