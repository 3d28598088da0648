using System.Text;
using Witn.Domain.Money;

namespace Witn.Api.Pages;

/// <summary>
/// Amounts on pages: the digits the API writes (<see cref="MoneyFormat"/>: the currency's minor-unit decimals, "2.00",
/// "150" for JPY), their integer part grouped in threes by commas, with the currency's symbol ("$1,234.50", "−$6.00")
/// or its code ("1,234.50 USD"). No culture: the same page on every machine.
/// </summary>
public static class MoneyText
{
    /// <summary>An amount with its symbol where one is unambiguous, else its code: "$1,000.00", "¥150", "1,000.00 CHF".</summary>
    public static string Symbol(decimal amount, string currency) => Show(MoneyFormat.Text(amount, currency), currency, symbol: true);

    /// <summary>A unit price (never rounded, at least the currency's decimals) with its symbol: "$2.00", "$0.005".</summary>
    public static string UnitPrice(decimal price, string currency) => Show(MoneyFormat.UnitPrice(price, currency), currency, symbol: true);

    /// <summary>An amount with its code: "2.00 USD", "−4.50 EUR", "150 JPY".</summary>
    public static string Code(decimal amount, string currency) => Show(MoneyFormat.Text(amount, currency), currency, symbol: false);

    private static string Show(string invariant, string currency, bool symbol)
    {
        var negative = invariant.StartsWith('-');
        var digits = Grouped(negative ? invariant[1..] : invariant);
        var sign = symbol ? SymbolOf(currency) : null;
        var text = sign is null ? $"{digits} {currency}" : sign + digits;
        return negative ? "−" + text : text;
    }

    private static string? SymbolOf(string currency) => currency switch
    {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        _ => null, // "$" alone would not say which dollar: CAD, AUD and the others keep their code
    };

    private static string Grouped(string digits)
    {
        var whole = digits.IndexOf('.') is var point and >= 0 ? point : digits.Length;
        if (whole <= 3)
        {
            return digits;
        }

        var text = new StringBuilder(digits.Length + (whole / 3));
        for (var i = 0; i < whole; i++)
        {
            if (i > 0 && (whole - i) % 3 == 0)
            {
                text.Append(',');
            }

            text.Append(digits[i]);
        }

        return text.Append(digits.AsSpan(whole)).ToString();
    }
}
