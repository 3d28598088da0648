namespace Witn.Abstractions.Alerts;

/// <summary>
/// Alert rules and their history (a stateless worker on each silo; key unused, use 0). Rules travel as their
/// stored JSON (<see cref="Witn.Domain.Alerts.AlertRuleJson"/>). The caller checks the key's reach.
/// </summary>
[Alias("witn.alerts.rules")]
public interface IAlertRulesGrain : IGrainWithIntegerKey
{
    /// <summary>The built-in rules (as replaced, where they are) and the stored ones, by name; of one tenant's reach when given.</summary>
    [Alias("list")]
    Task<AlertRuleInfo[]> ListAsync(string? tenant);

    [Alias("get")]
    Task<AlertRuleInfo?> GetAsync(string name);

    /// <summary>Stores the rule under its name (a built-in's name replaces the built-in); returns it and whether it is new.</summary>
    [Alias("put")]
    Task<AlertPutReply> PutAsync(string ruleJson);

    /// <summary>Deletes a stored rule (true), or says there is none (false). A built-in cannot be deleted: the caller refuses that.</summary>
    [Alias("delete")]
    Task<bool> DeleteAsync(string name);

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
