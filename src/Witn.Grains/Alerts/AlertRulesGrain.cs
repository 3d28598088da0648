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
        var (rules, stored) = await InForceAsync(tenant);
        var series = (await store.ListSeriesAsync(null, tenant)).ToLookup(s => s.RuleName, StringComparer.Ordinal);
        return [.. rules
            .Where(r => tenant is null || r.Scope.Tenant is null || r.Scope.Tenant == tenant)
            .Select(r => Info(r, stored.GetValueOrDefault(r.Name), series[r.Name]))];
    }

    public async Task<AlertRuleInfo?> GetAsync(string name, string? tenant)
    {
        var (rules, stored) = await InForceAsync(tenant);
        var rule = rules.FirstOrDefault(r => r.Name == name);
        return rule is null ? null : Info(rule, stored.GetValueOrDefault(name), await store.ListSeriesAsync(name, tenant));
    }

    public async Task<AlertPutReply> PutAsync(string ruleJson)
    {
        var rule = AlertRuleJson.Read(ruleJson);
        var (row, created) = rule.Builtin && rule.Scope.Tenant is not null ? await store.PutOverrideAsync(rule) : await store.PutRuleAsync(rule);
        return new AlertPutReply(Info(row.Rule, row, await store.ListSeriesAsync(row.Rule.Name, rule.Builtin ? rule.Scope.Tenant : null)), created);
    }

    public Task<bool> DeleteAsync(string name, string? tenant) =>
        tenant is not null && BuiltinAlertRules.Find(name) is not null ? store.DeleteOverrideAsync(name, tenant) : store.DeleteRuleAsync(name);

    // The rules in force (for a tenant: with its own versions of built-ins) and the stored row behind each, by name.
    private async Task<(IReadOnlyList<AlertRule> Rules, Dictionary<string, AlertRuleRow> Stored)> InForceAsync(string? tenant)
    {
        var stored = (await store.ListRulesAsync()).ToDictionary(r => r.Rule.Name, StringComparer.Ordinal);
        if (tenant is null)
        {
            return (AlertRuleSet.Effective(stored.Values.Select(r => r.Rule)), stored);
        }

        var overrides = await store.ListOverridesAsync(tenant);
        foreach (var o in overrides)
        {
            stored[o.Rule.Name] = o;
        }

        return (AlertRuleSet.For(tenant, stored.Values.Select(r => r.Rule).Where(r => !(r.Builtin && r.Scope.Tenant is not null)), overrides.Select(o => o.Rule)), stored);
    }

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
