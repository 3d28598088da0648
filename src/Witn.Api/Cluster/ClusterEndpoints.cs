using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Cluster;
using Witn.Api.Http;

namespace Witn.Api.Cluster;

/// <summary><c>/v1/cluster</c>: membership and a routing probe, for operators (admin only).</summary>
public static class ClusterEndpoints
{
    public static RouteGroupBuilder MapCluster(this RouteGroupBuilder v1)
    {
        var cluster = v1.MapGroup("/cluster").RequireAuthorization(Security.WitnPolicies.Admin)
            .WithMetadata(Security.KeyReach.Operator("the cluster")).WithTags("Cluster");
        cluster.MapGet("/", GetAsync).WithSummary("The silos of the cluster and their status (active, dead, …).");
        cluster.MapPost("/probes/{key}", ProbeAsync).WithMetadata(Documentation.ProblemResponses.NeverNotFound).WithSummary("Call the probe grain for a key: shows which silo hosts it, whichever silo you ask.");
        return v1;
    }

    private static async Task<Ok<ClusterResponse>> GetAsync(IGrainFactory grains, ILocalSiloDetails local)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        var silos = hosts
            .OrderBy(h => h.StartTime)
            .Select(h => new SiloResponse(
                h.SiloAddress.ToParsableString(),
                h.SiloName,
                h.Status.ToString().ToLowerInvariant(),
                h.HostName,
                new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc)),
                new DateTimeOffset(DateTime.SpecifyKind(h.IAmAliveTime, DateTimeKind.Utc))))
            .ToList();
        return TypedResults.Ok(new ClusterResponse(local.SiloAddress.ToParsableString(), silos));
    }

    private static async Task<Results<Ok<ProbeReply>, ProblemHttpResult>> ProbeAsync(string key, IGrainFactory grains)
    {
        if (key.Length is 0 or > 128)
        {
            return Problems.Invalid("the probe key must be 1-128 characters",
                [new InputError("key", $"key is {key.Length.ToString(CultureInfo.InvariantCulture)} characters long", "use a short name such as 'p1'")]);
        }

        // Orleans refuses a grain key of only whitespace; control characters have no place in a key either.
        if (string.IsNullOrWhiteSpace(key) || key.Any(char.IsControl))
        {
            return Problems.Invalid("the probe key is blank or holds control characters",
                [new InputError("key", "key is only whitespace or holds control characters", "use a short name of letters and digits such as 'p1'")]);
        }

        return TypedResults.Ok(await grains.GetGrain<IClusterProbeGrain>(key).PingAsync());
    }
}
