using System.Text.RegularExpressions;

namespace Witn.Domain.Definitions;

internal static class OperatorNames
{
    public static readonly string[] All = ["eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "exists", "matches", "contains"];

    /// <summary>Linear-time matching: a definition author cannot make evaluation backtrack exponentially.</summary>
    public const RegexOptions RegexOptions = System.Text.RegularExpressions.RegexOptions.NonBacktracking | System.Text.RegularExpressions.RegexOptions.CultureInvariant;

    public static string Name(PredicateOperator op) => All[(int)op];

    public static bool TryParse(string name, out PredicateOperator op)
    {
        var index = Array.IndexOf(All, name);
        op = (PredicateOperator)Math.Max(index, 0);
        return index >= 0;
    }
}
