using System.Globalization;
using Witn.Domain.Settlement;

namespace Witn.Domain.Replay;

/// <summary>
/// Parity of one outcome: replay with the versions that were in force must give back the ledger charge for charge
/// (place, terms, period) and credit for credit (cause, period). Each difference is a sentence naming both sides;
/// none means parity. A difference is a defect in one of the two paths, never a figure to net away.
/// </summary>
public static class ReplayParity
{
    public static IReadOnlyList<string> Differences(IReadOnlyList<ParityCharge> replay, IReadOnlyList<ParityCharge> ledger)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(ledger);
        var differences = new List<string>();
        var sequences = replay.Select(c => c.Sequence).Union(ledger.Select(c => c.Sequence)).Order();
        foreach (var sequence in sequences)
        {
            var r = replay.FirstOrDefault(c => c.Sequence == sequence);
            var l = ledger.FirstOrDefault(c => c.Sequence == sequence);
            if (r is null || l is null)
            {
                differences.Add(r is null
                    ? $"charge {sequence} is in the ledger ({Terms(l!.Terms)}) but replay makes no such charge"
                    : $"replay makes charge {sequence} ({Terms(r.Terms)}) but the ledger has no such charge");
                continue;
            }

            if (!Same(r.Terms, l.Terms))
            {
                differences.Add($"charge {sequence}: replay {Terms(r.Terms)}, ledger {Terms(l.Terms)}");
            }

            if (r.Period != l.Period)
            {
                differences.Add($"charge {sequence}: replay bills it in the period from {Instant(r.Period)}, the ledger in the period from {Instant(l.Period)}");
            }

            if (r.CreditCause != l.CreditCause)
            {
                differences.Add($"charge {sequence}: replay {Credit(r.CreditCause)}, ledger {Credit(l.CreditCause)}");
            }
            else if (r.CreditCause is not null && r.CreditPeriod != l.CreditPeriod)
            {
                differences.Add($"charge {sequence}: replay credits it in the period from {Instant(r.CreditPeriod)}, the ledger in the period from {Instant(l.CreditPeriod)}");
            }
        }

        return differences;
    }

    // Decimal equality ignores trailing zeros (1.5 = 1.50), which is what money terms mean.
    private static bool Same(ChargeTerms a, ChargeTerms b) =>
        a.ContractVersion == b.ContractVersion && a.Currency == b.Currency && a.UnitPrice == b.UnitPrice && a.Amount == b.Amount
        && a.Bucket == b.Bucket && a.Value == b.Value;

    private static string Terms(ChargeTerms t)
    {
        var amount = t.Amount is { } a ? $"{a.ToString(CultureInfo.InvariantCulture)} {t.Currency}" : t.Currency is null ? "unpriced" : $"rated on the invoice in {t.Currency}";
        var version = t.ContractVersion is { } v ? $"contract v{v}" : "no contract";
        var bucket = t.Bucket is null ? "" : $", {t.Bucket}";
        var value = t.Value is { } x ? $", value {x.ToString(CultureInfo.InvariantCulture)}" : "";
        return $"{amount} under {version}{bucket}{value}";
    }

    private static string Credit(string? cause) => cause is null ? "leaves it standing" : $"credits it ({cause})";

    private static string Instant(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "(none)";
}
