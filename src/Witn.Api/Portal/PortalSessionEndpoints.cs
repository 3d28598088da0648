using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Security;
using Witn.Domain.Common;

namespace Witn.Api.Portal;

/// <summary><c>POST /v1/tenants/{t}/portal/sessions</c> (admin): a signed link to the tenant's customer portal.</summary>
public static class PortalSessionEndpoints
{
    public static RouteGroupBuilder MapPortalSessions(this RouteGroupBuilder tenant)
    {
        tenant.MapPost("/portal/sessions", CreateAsync).RequireAuthorization(WitnPolicies.Admin).WithTags("Portal")
            .RequestBody(typeof(CreatePortalSessionRequest), "application/json")
            .WithSummary("A signed link to the tenant's customer portal (invoices, evidence, disputes), valid for ttl (1h by default, at most 24h); the body may be left out.");
        return tenant;
    }

    private static async Task<Results<Created<PortalSessionResponse>, ProblemHttpResult>> CreateAsync(
        string tenant, HttpRequest request, PortalSigner signer, IOptions<PortalOptions> options)
    {
        var ttl = PortalSigner.DefaultTtl;
        // The body is optional: no body (or an empty one) asks for the default lifetime.
        if (request.ContentLength is not 0 && (request.ContentLength is not null || request.ContentType is not null))
        {
            var (body, problem) = await JsonBody.ReadAsync<CreatePortalSessionRequest>(request);
            if (problem is not null)
            {
                return problem;
            }

            if (body!.Ttl is { } text && (!Durations.TryParse(text, out ttl) || ttl <= TimeSpan.Zero || ttl > PortalSigner.MaxTtl))
            {
                return Problems.Invalid($"ttl '{text}' is not a link lifetime",
                    [new InputError("ttl", $"'{text}' is not a duration from 1s to 24h", $"{Durations.Hint}; at most 24h (or 1d), e.g. \"1h\"; leave it out for 1h")]);
            }
        }

        var (token, session) = await signer.IssueAsync(tenant, ttl);
        var origin = options.Value.PublicUrl is { } configured ? configured.GetLeftPart(UriPartial.Authority) : $"{request.Scheme}://{request.Host}";
        var url = $"{origin}{PortalRoutes.Open}?token={token}";
        return TypedResults.Created(url, new PortalSessionResponse(url, session.ExpiresAt));
    }
}
