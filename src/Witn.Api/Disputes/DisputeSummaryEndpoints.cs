using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Disputes;
using Witn.Api.Http;
using Witn.Api.Security;
using Witn.Domain.Disputes;

namespace Witn.Api.Disputes;

/// <summary>The dispute analytics the monitoring builds on: <c>GET /v1/tenants/{tenant}/disputes/summary</c>.</summary>
public static class DisputeSummaryEndpoints
{
    public static RouteGroupBuilder MapDisputeSummary(this RouteGroupBuilder tenant)
    {
        tenant.MapGroup("").WithTags("Disputes")
            .MapGet("/disputes/summary", SummarizeAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("Disputes opened in [from, to) by status, what they credited, the median time to a decision, and the dispute rate of the charges settled in [from, to); grouped by definition or agent_version with ?by=.");
        return tenant;
    }

    private static async Task<Results<Ok<DisputeSummaryResponse>, ProblemHttpResult>> SummarizeAsync(
        string tenant, string? from, string? to, string? by, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        if (!QueryInstant.TryParse("from", from, out var since, out var fromError))
        {
            errors.Add(fromError);
        }

        if (!QueryInstant.TryParse("to", to, out var until, out var toError))
        {
            errors.Add(toError);
        }

        if (since is { } f && until is { } t && t < f)
        {
            errors.Add(new InputError("to", "'to' is before 'from'", "give 'to' at or after 'from'"));
        }

        DisputeSummaryGrouping? grouping = by switch
        {
            null => DisputeSummaryGrouping.None,
            "definition" => DisputeSummaryGrouping.Definition,
            "agent_version" => DisputeSummaryGrouping.AgentVersion,
            _ => null,
        };
        if (grouping is null)
        {
            errors.Add(new InputError("by", $"'{by}' is not a grouping of the dispute summary", "use by=definition or by=agent_version, or leave by out for one group"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid($"the dispute summary query has {errors.Count} error(s)", errors);
        }

        var groups = await grains.GetGrain<IDisputeSummaryGrain>(0).SummarizeAsync(tenant, since, until, grouping!.Value);
        IReadOnlyList<DisputeSummaryGroupResponse> shown = groups.Length == 0 && grouping == DisputeSummaryGrouping.None
            ? [DisputeSummaryGroupResponse.Empty]
            : [.. groups.Select(g => DisputeSummaryGroupResponse.From(g, grouping == DisputeSummaryGrouping.AgentVersion))];
        return TypedResults.Ok(new DisputeSummaryResponse(tenant, since, until, by, shown));
    }
}
