using System.Globalization;
using System.Text.Json;

namespace Witn.Domain.Common;

/// <summary>
/// Total decimal arithmetic on values events supply (docs/outcome-language.md): a result beyond the decimal range
/// (±79,228,162,514,264,337,593,543,950,335) saturates at its end instead of throwing, and a JSON number beyond the
/// range reads as that end (one too small to register reads as 0). A saturated sum is still at least any threshold.
/// </summary>
public static class Decimals
{
    public static decimal Add(decimal a, decimal b)
    {
        try
        {
            return a + b;
        }
        catch (OverflowException)
        {
            return a > 0 ? decimal.MaxValue : decimal.MinValue;
        }
    }

    public static decimal Multiply(decimal a, decimal b)
    {
        try
        {
            return a * b;
        }
        catch (OverflowException)
        {
            return (a > 0) == (b > 0) ? decimal.MaxValue : decimal.MinValue;
        }
    }

    /// <summary>The number as a decimal, clamped to the decimal range; false when the element is not a number.</summary>
    public static bool TryRead(JsonElement json, out decimal value)
    {
        value = 0;
        if (json.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (json.TryGetDecimal(out value))
        {
            return true;
        }

        // Beyond the decimal range (or digits it cannot hold): double always reads it, as ±Infinity at worst.
        var d = double.Parse(json.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        value = Math.Abs(d) < 1 ? 0m : d > 0 ? decimal.MaxValue : decimal.MinValue;
        return true;
    }
}
