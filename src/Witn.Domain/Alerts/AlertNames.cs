namespace Witn.Domain.Alerts;

/// <summary>The rule for alert rule names (<c>[a-z0-9][a-z0-9_-]{0,63}</c>): they are path segments and webhook fields.</summary>
public static class AlertNames
{
    public const int MaxLength = 64;

    public const string Rule = "1-64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit";

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name[0] is (>= 'a' and <= 'z') or (>= '0' and <= '9')
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-');
}
