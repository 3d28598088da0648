using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Alerts;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Security;
using Witn.Domain.Alerts;

namespace Witn.Api.Alerts;

/// <summary>
/// <c>/v1/alerts</c> (admin; docs/alerts.md): alert rules on revenue quality and operations, and their history.
/// A tenant-restricted key sees the rules that apply to its tenant (the built-in and cluster-wide ones read-only)
/// and only its tenant's series and history, and manages rules scoped to its tenant.
/// </summary>
public static class AlertsEndpoints
{
    public static RouteGroupBuilder MapAlerts(this RouteGroupBuilder v1)
    {
        var alerts = v1.MapGroup("/alerts").RequireAuthorization(WitnPolicies.Admin).WithMetadata(KeyReach.Tenant).WithTags("Alerts");
        alerts.MapGet("/", ListAsync).WithSummary("The rules in force (built-in ones included), by name, each with its series that are outside now; ?tenant= for the rules in force for one tenant; a page at a time (limit, after: a name).");
        alerts.MapGet("/{name}", GetAsync).WithSummary("One rule and its series that are outside now; ?tenant= for the version in force for one tenant.");
        alerts.MapPut("/{name}", PutAsync).RequestBody(typeof(AlertRuleRequest), "application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Create or replace a rule; a built-in rule's name replaces the built-in, for every tenant or, with scope.tenant, for that tenant only (\"enabled\": false turns it off).");
        alerts.MapDelete("/{name}", DeleteAsync).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Delete a rule, answering it as it was (its history stays); for a built-in, ?tenant= deletes that tenant's own version; the built-in itself cannot be deleted, only turned off.");
        alerts.MapGet("/{name}/history", HistoryAsync)
            .WithSummary("The rule's firings and resolutions, oldest first, ?tenant= to narrow; a page at a time (limit, after: a history position).");
        return v1;
    }

    private static async Task<Results<Ok<Page<AlertRuleResponse>>, ProblemHttpResult>> ListAsync(
        string? tenant, [AsParameters] PageQuery page, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var limit = Paging.Limit(page, errors);
        var after = Paging.AfterText(page, errors, "rule name");
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "alert rule");
        }

        if (await TenantViewAsync(tenant, user, grains) is { } refused)
        {
            return refused;
        }

        var rules = await grains.GetGrain<IAlertRulesGrain>(0).ListAsync(tenant ?? TenantAccess.RestrictedTo(user));
        var rows = rules.Select(AlertRuleResponse.From).Where(r => after is null || string.CompareOrdinal(r.Name, after) > 0).Take(Paging.Fetch(limit)).ToList();
        return TypedResults.Ok(Paging.Of(rows, limit, r => r.Name, r => r));
    }

    private static async Task<Results<Ok<AlertRuleResponse>, ProblemHttpResult>> GetAsync(string name, string? tenant, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await TenantViewAsync(tenant, user, grains) is { } refused)
        {
            return refused;
        }

        var found = await VisibleAsync(name, user, grains, tenant);
        return found is null ? RuleNotFound(name) : TypedResults.Ok(Narrow(AlertRuleResponse.From(found), user));
    }

    private static async Task<Results<Ok<AlertRuleResponse>, Created<AlertRuleResponse>, ProblemHttpResult>> PutAsync(
        string name, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!AlertNames.IsValid(name))
        {
            return Problems.Invalid($"'{name}' is not a rule name", [new InputError("name", $"'{name}' is not a rule name", $"rule names are {AlertNames.Rule}")]);
        }

        var (body, problem) = await JsonBody.ReadAsync<AlertRuleRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        var restricted = TenantAccess.RestrictedTo(user);
        var builtin = BuiltinAlertRules.Find(name) is not null;
        var rulesGrain = grains.GetGrain<IAlertRulesGrain>(0);
        if (await rulesGrain.GetAsync(name, null) is { } existing && !builtin && restricted is not null
            && AlertRuleJson.Read(existing.RuleJson).Scope.Tenant != restricted)
        {
            return TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "rule-name-taken", "The rule name is taken",
                $"a rule named '{name}' exists that this key cannot change; choose another name"));
        }

        // A tenant-restricted key's rules are its tenant's, whether the body names it or not; for a built-in, that is the
        // tenant's own version of it.
        var (tenant, unknown) = await TenantAccess.ResolveFieldAsync(user, body!.Scope?.Tenant, grains, "leave scope.tenant out to watch every tenant");
        var scope = body.Scope ?? new AlertScopeBody(null, null, null, null);
        var (rule, errors) = AlertRuleBinder.Bind(name, body with { Scope = scope with { Tenant = tenant } }, builtin);
        if (TenantAccess.CheckId(tenant, "scope.tenant") is { } badTenant && tenant is not null)
        {
            errors.Add(badTenant);
        }
        else if (unknown is not null)
        {
            errors.Add(unknown with { Path = "scope.tenant" });
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid($"the alert rule has {errors.Count} error(s)", errors);
        }

        var reply = await rulesGrain.PutAsync(AlertRuleJson.Write(rule!));
        var response = Narrow(AlertRuleResponse.From(reply.Rule), user);
        return reply.Created ? TypedResults.Created($"/v1/alerts/{name}", response) : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<AlertRuleResponse>, ProblemHttpResult>> DeleteAsync(string name, string? tenant, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await TenantViewAsync(tenant, user, grains) is { } refused)
        {
            return refused;
        }

        var forTenant = tenant ?? TenantAccess.RestrictedTo(user);
        var found = await VisibleAsync(name, user, grains, forTenant);
        if (found is null)
        {
            return RuleNotFound(name);
        }

        var rule = AlertRuleJson.Read(found.RuleJson);
        if (rule.Builtin)
        {
            // A tenant's own version goes, and the built-in (as the cluster has it) applies to the tenant again.
            return forTenant is not null && rule.Scope.Tenant == forTenant && await grains.GetGrain<IAlertRulesGrain>(0).DeleteAsync(name, forTenant)
                ? TypedResults.Ok(Narrow(AlertRuleResponse.From(found), user))
                : TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "builtin-rule", "A built-in rule cannot be deleted",
                    $"'{name}' is built in{(forTenant is null ? "" : $" and tenant '{forTenant}' has no version of its own")}; turn it off with PUT /v1/alerts/{name} and \"enabled\": false (with scope.tenant for one tenant)"));
        }

        if (TenantAccess.RestrictedTo(user) is { } only && rule.Scope.Tenant != only)
        {
            return TypedResults.Problem(Problems.Create(StatusCodes.Status403Forbidden, "rule-not-yours", "The rule watches more than this key's tenant",
                $"'{name}' applies to every tenant; only an admin key without a tenant deletes it"));
        }

        // The answer is the rule as it was, so a script can put it back.
        return await grains.GetGrain<IAlertRulesGrain>(0).DeleteAsync(name, null) ? TypedResults.Ok(Narrow(AlertRuleResponse.From(found), user)) : RuleNotFound(name);
    }

    private static async Task<Results<Ok<Page<AlertHistoryResponse>>, ProblemHttpResult>> HistoryAsync(
        string name, string? tenant, [AsParameters] PageQuery page, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var limit = Paging.Limit(page, errors);
        var after = Paging.After(page, errors, "history position (a next_after)", a => long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : (long?)null);
        if (tenant is not null && TenantAccess.CheckId(tenant, "tenant") is { } bad)
        {
            errors.Add(bad);
        }

        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "alert history");
        }

        if (await VisibleAsync(name, user, grains) is null)
        {
            return RuleNotFound(name);
        }

        if (tenant is not null && !TenantAccess.Allows(user, tenant))
        {
            return Problems.TenantNotFound(tenant);
        }

        var rows = await grains.GetGrain<IAlertRulesGrain>(0).HistoryAsync(name, tenant ?? TenantAccess.RestrictedTo(user), Paging.Fetch(limit), after ?? 0);
        return TypedResults.Ok(Paging.Of(rows, limit, h => h.Seq.ToString(CultureInfo.InvariantCulture), AlertHistoryResponse.From));
    }

    // A restricted key sees a rule scoped to its tenant or to every tenant (a built-in as in force for its tenant);
    // another tenant's rule does not exist for it.
    private static async Task<AlertRuleInfo?> VisibleAsync(string name, ClaimsPrincipal user, IGrainFactory grains, string? tenant = null)
    {
        if (!AlertNames.IsValid(name) || await grains.GetGrain<IAlertRulesGrain>(0).GetAsync(name, tenant ?? TenantAccess.RestrictedTo(user)) is not { } info)
        {
            return null;
        }

        var scopeTenant = AlertRuleJson.Read(info.RuleJson).Scope.Tenant;
        return scopeTenant is null || TenantAccess.Allows(user, scopeTenant) ? info : null;
    }

    // ?tenant= (the rules in force for one tenant): a well-formed tenant the key may see, else the usual 400 or 404.
    private static async Task<ProblemHttpResult?> TenantViewAsync(string? tenant, ClaimsPrincipal user, IGrainFactory grains) =>
        tenant is null ? null : await TenantAccess.RefuseAsync(user, tenant, grains);

    private static AlertRuleResponse Narrow(AlertRuleResponse rule, ClaimsPrincipal user) =>
        TenantAccess.RestrictedTo(user) is { } only ? rule with { Series = [.. rule.Series.Where(s => s.TenantId == only)] } : rule;

    private static ProblemHttpResult RuleNotFound(string name) =>
        Problems.NotFound("Alert rule", $"no alert rule '{name}' is visible to this key; GET /v1/alerts lists them");
}
