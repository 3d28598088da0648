namespace Witn.Domain.Alerts;

/// <summary>The rules in force: every built-in (or the stored rule that replaces it) and every stored rule, by name.</summary>
public static class AlertRuleSet
{
    public static IReadOnlyList<AlertRule> Effective(IEnumerable<AlertRule> stored)
    {
        var byName = stored.ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var builtin in BuiltinAlertRules.All)
        {
            byName.TryAdd(builtin.Name, builtin);
        }

        return [.. byName.Values.OrderBy(r => r.Name, StringComparer.Ordinal)];
    }
}
