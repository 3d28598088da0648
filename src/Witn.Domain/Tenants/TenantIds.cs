using System.Text.RegularExpressions;

namespace Witn.Domain.Tenants;

/// <summary>The rule for tenant ids, in one place: lowercase, URL-safe, at most 64 characters.</summary>
public static partial class TenantIds
{
    public const string Pattern = "^[a-z0-9][a-z0-9_-]{0,63}$";

    /// <summary>The rule in words, for hints.</summary>
    public const string Rule = "1-64 characters of a-z, 0-9, '_' and '-', starting with a letter or digit";

    public static bool IsValid(string? id) => id is not null && Regex().IsMatch(id);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Regex();
}
