using System.Globalization;

namespace Witn.Domain.Money;

/// <summary>Amounts as the API writes them: a string with exactly the currency's minor-unit decimals ("2.00", "150", "1.505").</summary>
public static class MoneyFormat
{
    public static string Text(decimal amount, string currency) =>
        Currencies.Round(amount, currency).ToString("F" + Currencies.Exponent(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string? Text(decimal? amount, string? currency) =>
        amount is { } a && currency is not null ? Text(a, currency) : null;

    /// <summary>
    /// A unit price as the API writes it: never rounded (prices may be finer than the minor unit), but with at least
    /// the currency's decimals — "2.00", not "2"; "0.005" stays "0.005".
    /// </summary>
    public static string UnitPrice(decimal price, string currency) =>
        price.ToString("F" + Math.Max(Currencies.Exponent(currency), Currencies.Decimals(price)).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string? UnitPrice(decimal? price, string? currency) =>
        price is { } p ? currency is null ? p.ToString(CultureInfo.InvariantCulture) : UnitPrice(p, currency) : null;
}
