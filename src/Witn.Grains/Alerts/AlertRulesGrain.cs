using Orleans.Concurrency;
using Witn.Abstractions.Alerts;
using Witn.Domain.Alerts;
using Witn.Storage.Alerts;

namespace Witn.Grains.Alerts;

/// <summary>Alert rules and history for the API, served on whichever silo asks.</summary>
[StatelessWorker, Reentrant]
public sealed class AlertRulesGrain(AlertStore store) : Grain, IAlertRulesGrain
{
    public async Task<AlertRuleInfo[]> ListAsync(string? tenant)
    {
        var stored = (await store.ListRulesAsync()).ToDictionary(r => r.Rule.Name, StringComparer.Ordinal);
        var series = (await store.ListSeriesAsync(null, tenant)).ToLookup(s => s.RuleName, StringComparer.Ordinal);
        return [.. AlertRuleSet.Effective(stored.Values.Select(r => r.Rule))
            .Where(r => tenant is null || r.Scope.Tenant is null || r.Scope.Tenant == tenant)
            .Select(r => Info(r, stored.GetValueOrDefault(r.Name), series[r.Name]))];
    }

    public async Task<AlertRuleInfo?> GetAsync(string name)
    {
        var stored = (await store.ListRulesAsync()).FirstOrDefault(r => r.Rule.Name == name);
        var rule = stored?.Rule ?? BuiltinAlertRules.Find(name);
        return rule is null ? null : Info(rule, stored, await store.ListSeriesAsync(name, null));
    }

    public async Task<AlertPutReply> PutAsync(string ruleJson)
    {
        var (row, created) = await store.PutRuleAsync(AlertRuleJson.Read(ruleJson));
        return new AlertPutReply(Info(row.Rule, row, await store.ListSeriesAsync(row.Rule.Name, null)), created);
    }

    public Task<bool> DeleteAsync(string name) => store.DeleteRuleAsync(name);

    public async Task<AlertHistoryInfo[]> HistoryAsync(string? rule, string? tenant, int limit, long afterSeq) =>
        [.. (await store.ListHistoryAsync(rule, tenant, limit, afterSeq)).Select(AlertInfos.From)];

    public async Task<AlertHistoryInfo[]> RecentAsync(string tenant, int limit) =>
        [.. (await store.ListRecentAsync(tenant, limit)).Select(AlertInfos.From)];

    public async Task<AlertHistoryInfo?> GetHistoryAsync(Guid id) => await store.GetHistoryAsync(id) is { } row ? AlertInfos.From(row) : null;

    private static AlertRuleInfo Info(AlertRule rule, AlertRuleRow? stored, IEnumerable<AlertSeriesRow> series) => new(
        AlertRuleJson.Write(rule), stored?.CreatedAt, stored?.UpdatedAt,
        [.. series.Where(s => s.State.Status != AlertSeriesStatus.Ok).Select(s => new AlertSeriesInfo(
            s.TenantId, s.Series, s.State.Status == AlertSeriesStatus.Firing ? "firing" : "pending", s.State.OutsideSince, s.State.Firing, s.UpdatedAt))]);
}
