using System.Globalization;

namespace Witn.Domain.Money;

/// <summary>Amounts as the API writes them: a string with exactly the currency's minor-unit decimals ("2.00", "150", "1.505").</summary>
public static class MoneyFormat
{
    public static string Text(decimal amount, string currency) =>
        Currencies.Round(amount, currency).ToString("F" + Currencies.Exponent(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string? Text(decimal? amount, string? currency) =>
        amount is { } a && currency is not null ? Text(a, currency) : null;
}
