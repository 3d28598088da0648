namespace Witn.Abstractions.Alerts;

/// <summary>
/// Alert rules and their history (a stateless worker on each silo; key unused, use 0). Rules travel as their
/// stored JSON (<see cref="Witn.Domain.Alerts.AlertRuleJson"/>). The caller checks the key's reach.
/// </summary>
[Alias("witn.alerts.rules")]
public interface IAlertRulesGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The built-in rules (as replaced, where they are) and the stored ones, by name; with a tenant, the rules in force
    /// for it (the tenant's own versions of built-ins in their place, no other tenant's rules) and only its series.
    /// </summary>
    [Alias("list")]
    Task<AlertRuleInfo[]> ListAsync(string? tenant);

    /// <summary>One rule, as in force for <paramref name="tenant"/> when given (with only its series).</summary>
    [Alias("get")]
    Task<AlertRuleInfo?> GetAsync(string name, string? tenant);

    /// <summary>
    /// Stores the rule under its name: a built-in's name with a scope tenant is that tenant's own version of the
    /// built-in, without one it replaces the built-in for every tenant. Returns it and whether it is new.
    /// </summary>
    [Alias("put")]
    Task<AlertPutReply> PutAsync(string ruleJson);

    /// <summary>
    /// Deletes a stored rule, or with <paramref name="tenant"/> that tenant's own version of a built-in; false when
    /// there is none. A built-in itself cannot be deleted: the caller refuses that.
    /// </summary>
    [Alias("delete")]
    Task<bool> DeleteAsync(string name, string? tenant);

    /// <summary>Firings and resolutions, oldest first, of a rule and/or a tenant, a page at a time after <paramref name="afterSeq"/>.</summary>
    [Alias("history")]
    Task<AlertHistoryInfo[]> HistoryAsync(string? rule, string? tenant, int limit, long afterSeq);

    /// <summary>A tenant's latest history entries, newest first.</summary>
    [Alias("recent")]
    Task<AlertHistoryInfo[]> RecentAsync(string tenant, int limit);

    /// <summary>One history entry, or null.</summary>
    [Alias("history-entry")]
    Task<AlertHistoryInfo?> GetHistoryAsync(Guid id);
}
