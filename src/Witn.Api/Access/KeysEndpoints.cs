using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Access;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Security;
using Witn.Domain.Access;
using Witn.Domain.Common;

namespace Witn.Api.Access;

/// <summary><c>/v1/keys</c>: create (optionally expiring), list (with the last use) and revoke API keys (admin only).</summary>
public static class KeysEndpoints
{

    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder v1)
    {
        var keys = v1.MapGroup("/keys").RequireAuthorization(WitnPolicies.Admin).WithMetadata(KeyReach.Tenant).WithTags("Keys");
        keys.MapPost("/", CreateAsync).RequestBody(typeof(CreateKeyRequest), "application/json").WithSummary("Create an API key; the response holds its secret, shown only once.");
        keys.MapGet("/", ListAsync).WithSummary("API keys in creation order, without their secrets; a page at a time (limit, after: a key id).");
        keys.MapDelete("/{id}", RevokeAsync).WithSummary("Revoke an API key; it stops working on every silo at once.");
        return v1;
    }

    private static async Task<Results<Created<CreatedKeyResponse>, ProblemHttpResult>> CreateAsync(HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateKeyRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        // As for webhooks: a tenant-restricted key creates keys for its own tenant, and the tenant must exist.
        var (tenantId, unknown) = await TenantAccess.ResolveFieldAsync(user, body!.TenantId, grains, "leave tenant_id out for a key that may use every tenant");
        var (newKey, errors) = Validate(body with { TenantId = tenantId }, time.GetUtcNow());
        if (unknown is not null)
        {
            errors.Add(unknown);
            newKey = null;
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid($"the key request has {errors.Count} error(s)", errors);
        }

        var created = await grains.GetGrain<IApiKeyRegistryGrain>(0).CreateAsync(newKey!);
        var k = created.Key;
        return TypedResults.Created($"/v1/keys/{k.Id}",
            new CreatedKeyResponse(k.Id, created.Token, k.Name, [.. k.Scopes.Select(ApiKeyScopes.ToName)], k.TenantId, k.CreatedAt, k.ExpiresAt));
    }

    // A key restricted to a tenant sees and revokes only that tenant's keys: never other tenants' ids, never the
    // unrestricted keys an operator holds.
    private static async Task<Results<Ok<Page<KeyResponse>>, ProblemHttpResult>> ListAsync([AsParameters] PageQuery page, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var limit = Paging.Limit(page, errors);
        var after = Paging.AfterText(page, errors, "key id");
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "key");
        }

        var keys = await grains.GetGrain<IApiKeyRegistryGrain>(0).ListPageAsync(TenantAccess.RestrictedTo(user), Paging.Fetch(limit), after);
        return keys is null ? Paging.UnknownAfter(after!, "key") : TypedResults.Ok(Paging.Of(keys, limit, k => k.Id, KeyResponse.From));
    }

    private static async Task<Results<Ok<KeyResponse>, ProblemHttpResult>> RevokeAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var visible = ApiKeyToken.TryParse($"wk_{id}_x", out _)
            && (TenantAccess.RestrictedTo(user) is null || (await VisibleKeysAsync(user, grains)).Any(k => k.Id == id));
        var revoked = visible ? await grains.GetGrain<IApiKeyGrain>(id).RevokeAsync() : null;
        return revoked is null
            ? Problems.NotFound("API key", $"no API key has the id '{id}'; GET /v1/keys lists the ids")
            : TypedResults.Ok(KeyResponse.From(revoked));
    }

    private static async Task<IEnumerable<ApiKeyInfo>> VisibleKeysAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var all = await grains.GetGrain<IApiKeyRegistryGrain>(0).ListAsync();
        return TenantAccess.RestrictedTo(user) is { } tenant ? all.Where(k => k.TenantId == tenant) : all;
    }

    internal static (NewApiKey? Key, List<InputError> Errors) Validate(CreateKeyRequest body, DateTimeOffset now)
    {
        var errors = new List<InputError>();
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            errors.Add(new InputError("name", "name is required", "give the key a name that says who uses it, e.g. \"support-bot ingest\""));
        }
        else if (body.Name.Length > FieldLimits.MaxNameLength)
        {
            errors.Add(new InputError("name", $"name is {body.Name.Length} characters long; the limit is {FieldLimits.MaxNameLength}", "shorten the name"));
        }

        var scopes = new List<ApiKeyScope>();
        if (body.Scopes is null || body.Scopes.Count == 0)
        {
            errors.Add(new InputError("scopes", "at least one scope is required", $"use any of: {string.Join(", ", ApiKeyScopes.Names)}"));
        }
        else
        {
            for (var i = 0; i < body.Scopes.Count; i++)
            {
                if (ApiKeyScopes.TryParse(body.Scopes[i], out var scope))
                {
                    scopes.Add(scope);
                }
                else
                {
                    errors.Add(new InputError($"scopes[{i}]", $"unknown scope '{body.Scopes[i]}'", $"use any of: {string.Join(", ", ApiKeyScopes.Names)}"));
                }
            }
        }

        if (body.TenantId is not null && TenantAccess.CheckId(body.TenantId, "tenant_id") is { } badTenant)
        {
            errors.Add(badTenant);
        }

        // A key that is already expired could never be used: a clock mix-up or a typo, better said now than at its first 401.
        if (body.ExpiresAt is { } expires)
        {
            if (!Instants.InRange(expires))
            {
                errors.Add(new InputError("expires_at", Instants.OutOfRange("expires_at", Instants.Iso(expires)), Instants.RangeHint));
            }
            else if (expires <= now)
            {
                errors.Add(new InputError("expires_at", $"expires_at {Instants.Iso(expires)} is not in the future (now is {Instants.Iso(now)})",
                    "give an instant after now, such as " + Instants.Iso(new DateTimeOffset(now.UtcDateTime.Date.AddDays(90), TimeSpan.Zero)) + ", or leave expires_at out for a key that lasts until revoked"));
            }
        }

        return errors.Count > 0 ? (null, errors) : (new NewApiKey(body.Name!.Trim(), [.. scopes.Distinct()], body.TenantId, body.ExpiresAt), errors);
    }
}
