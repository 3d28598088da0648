using System.Globalization;
using System.Text.RegularExpressions;

namespace Witn.Domain.Money;

/// <summary>
/// Reads an amount written as the API writes one: a decimal string such as "1.00" or "150" (optional minus, digits,
/// optional point and digits; no exponent, no grouping, no spaces), so a request says exactly what it means.
/// </summary>
public static partial class AmountText
{
    public const string Hint = "write the amount as a decimal string, e.g. \"1.00\"";

    private const int MaxLength = 32;

    public static bool TryParse(string? text, out decimal amount)
    {
        amount = 0m;
        return text is { Length: > 0 and <= MaxLength } && Shape().IsMatch(text)
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
