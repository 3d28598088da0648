namespace Witn.Domain.Alerts;

/// <summary>The rules in force: every built-in (or the stored rule that replaces it cluster-wide) and every stored rule, by name.</summary>
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

    /// <summary>The rules in force for one tenant: <see cref="Effective"/>, with the tenant's own versions of built-in rules in their place.</summary>
    public static IReadOnlyList<AlertRule> For(string tenant, IEnumerable<AlertRule> stored, IEnumerable<AlertRule> overrides)
    {
        var own = overrides.Where(o => o.Scope.Tenant == tenant).ToDictionary(o => o.Name, StringComparer.Ordinal);
        return [.. Effective(stored).Select(r => own.GetValueOrDefault(r.Name) ?? r)];
    }
}
