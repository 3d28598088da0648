using Witn.Domain.Money;

namespace Witn.Storage.Ledger;

/// <summary>Converts ledger amounts between decimals and integer minor units (the exponents of <see cref="Currencies"/>).</summary>
public static class Money
{
    /// <summary>The ISO 4217 minor-unit exponent of <paramref name="currency"/> (2 for USD, 0 for JPY, 3 for KWD).</summary>
    /// <exception cref="ArgumentException">The currency is not an upper-case code in the table.</exception>
    public static int Exponent(string currency) => Currencies.Exponent(currency);

    /// <summary>
    /// <paramref name="amount"/> in minor units of <paramref name="currency"/> (1.50 USD → 150, 150 JPY → 150,
    /// 1.505 KWD → 1505). No rounding: the amount must already be exact in minor units, otherwise this throws —
    /// rounding is a pricing decision that belongs to rating, and the ledger only records its result.
    /// </summary>
    /// <exception cref="ArgumentException">The amount has more decimals than the currency has minor units, or the currency is unknown.</exception>
    /// <exception cref="OverflowException">The amount does not fit in a 64-bit count of minor units.</exception>
    public static long ToMinorUnits(decimal amount, string currency)
    {
        var minor = amount * Scale(Exponent(currency));
        if (minor != decimal.Truncate(minor))
        {
            throw new ArgumentException(
                $"{amount} {currency} is not exact in minor units ({Exponent(currency)} decimals); round it when rating, not in the ledger", nameof(amount));
        }

        return decimal.ToInt64(minor);
    }

    /// <summary>The decimal amount of <paramref name="minorUnits"/> of <paramref name="currency"/> (150 USD cents → 1.50).</summary>
    public static decimal FromMinorUnits(long minorUnits, string currency) => minorUnits / Scale(Exponent(currency));

    private static decimal Scale(int exponent) => exponent switch
    {
        0 => 1m,
        2 => 100m,
        3 => 1000m,
        _ => throw new InvalidOperationException($"no scale for exponent {exponent}"),
    };
}
