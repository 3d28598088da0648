using System.Collections.Frozen;

namespace Witn.Domain.Money;

/// <summary>
/// The currencies we bill in with their ISO 4217 minor-unit exponents — the one table contracts, rating and the
/// ledger share — and the rounding rule: half away from zero to the currency's minor unit.
/// </summary>
public static class Currencies
{
    // An unknown code is refused rather than guessed: a wrong exponent would misstate every amount by a factor of 10.
    private static readonly FrozenDictionary<string, int> Exponents = new Dictionary<string, int>
    {
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["CHF"] = 2, ["CAD"] = 2, ["AUD"] = 2, ["NZD"] = 2,
        ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2, ["PLN"] = 2, ["CZK"] = 2, ["HUF"] = 2, ["RON"] = 2,
        ["CNY"] = 2, ["HKD"] = 2, ["SGD"] = 2, ["INR"] = 2, ["BRL"] = 2, ["MXN"] = 2, ["ZAR"] = 2,
        ["ILS"] = 2, ["AED"] = 2, ["SAR"] = 2, ["TRY"] = 2, ["TWD"] = 2, ["THB"] = 2,
        ["JPY"] = 0, ["KRW"] = 0, ["ISK"] = 0, ["CLP"] = 0, ["VND"] = 0, ["PYG"] = 0, ["UGX"] = 0,
        ["KWD"] = 3, ["BHD"] = 3, ["OMR"] = 3, ["JOD"] = 3, ["TND"] = 3, ["LYD"] = 3, ["IQD"] = 3,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every known code, in alphabetical order (for hints).</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. Exponents.Keys.Order(StringComparer.Ordinal)];

    public static bool IsKnown(string? code) => code is not null && Exponents.ContainsKey(code);

    public static bool TryGetExponent(string? code, out int exponent)
    {
        exponent = 0;
        return code is not null && Exponents.TryGetValue(code, out exponent);
    }

    /// <summary>The ISO 4217 minor-unit exponent of <paramref name="code"/> (2 for USD, 0 for JPY, 3 for KWD).</summary>
    /// <exception cref="ArgumentException">The code is not an upper-case code in the table.</exception>
    public static int Exponent(string code) =>
        TryGetExponent(code, out var exponent)
            ? exponent
            : throw new ArgumentException($"unknown currency '{code}': expected an upper-case ISO 4217 code the ledger knows", nameof(code));

    /// <summary>
    /// <paramref name="amount"/> rounded half away from zero to the minor unit of <paramref name="currency"/>:
    /// 0.125 USD → 0.13, −0.125 USD → −0.13, 12.5 JPY → 13, 1.0005 KWD → 1.001.
    /// </summary>
    /// <exception cref="ArgumentException">The currency is unknown.</exception>
    public static decimal Round(decimal amount, string currency) =>
        Math.Round(amount, Exponent(currency), MidpointRounding.AwayFromZero);

    /// <summary>Whether <paramref name="amount"/> needs no rounding in <paramref name="currency"/> (1.50 USD yes, 1.505 USD no).</summary>
    /// <exception cref="ArgumentException">The currency is unknown.</exception>
    public static bool IsExact(decimal amount, string currency) => Decimals(amount) <= Exponent(currency);

    /// <summary>The number of decimals <paramref name="amount"/> needs, ignoring trailing zeros (2.50 → 1, 3.000 → 0).</summary>
    public static int Decimals(decimal amount)
    {
        // decimal keeps trailing zeros in its scale; dividing by 1.000… drops them.
        var normalized = amount / 1.000000000000000000000000000000000m;
        return normalized.Scale;
    }
}
