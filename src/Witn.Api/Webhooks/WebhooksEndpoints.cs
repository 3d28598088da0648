using System.Buffers;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Webhooks;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Security;
using Witn.Domain.Webhooks;

namespace Witn.Api.Webhooks;

/// <summary>
/// <c>/v1/webhooks</c> (admin): endpoints that receive the ledger's events as signed POSTs, and their deliveries.
/// A tenant-restricted key sees and registers only endpoints for its own tenant.
/// </summary>
public static class WebhooksEndpoints
{
    public const int MaxUrlLength = 2000;

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder v1)
    {
        var webhooks = v1.MapGroup("/webhooks").RequireAuthorization(WitnPolicies.Admin).WithMetadata(KeyReach.Tenant).WithTags("Webhooks");
        webhooks.MapPost("/", CreateAsync).RequestBody(typeof(CreateWebhookRequest), "application/json").WithSummary("Register an endpoint; the response holds its signing secret, shown only once.");
        webhooks.MapGet("/", ListAsync).WithSummary("Endpoints in creation order, without their secrets; a page at a time (limit, after: an endpoint id).");
        webhooks.MapDelete("/{id}", DisableAsync).WithSummary("Disable an endpoint: nothing more is sent to it.");
        webhooks.MapGet("/deliveries", ListDeliveriesAsync)
            .WithSummary("Deliveries, newest first: ?status=pending|delivered|dead&endpoint={id}; a page at a time (limit, after: a delivery id).");
        webhooks.MapPost("/deliveries/{id}/replay", ReplayAsync).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Send a delivered or dead delivery again, with the same event id.");
        return v1;
    }

    private static async Task<Results<Created<CreatedWebhookResponse>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateWebhookRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        // A tenant-restricted key registers for its own tenant, whether it names it or not.
        var (tenantId, unknown) = await TenantAccess.ResolveFieldAsync(user, body!.TenantId, grains, "leave tenant_id out to receive every tenant's events");
        var (endpoint, errors) = Validate(body with { TenantId = tenantId });
        if (unknown is not null)
        {
            errors.Add(unknown);
            endpoint = null;
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid($"the webhook request has {errors.Count} error(s)", errors);
        }

        var created = await grains.GetGrain<IWebhookRegistryGrain>(0).CreateAsync(endpoint!);
        var e = created.Endpoint;
        return TypedResults.Created($"/v1/webhooks/{e.Id}", new CreatedWebhookResponse(e.Id, created.Secret, e.Url, e.Events, e.TenantId, e.CreatedAt));
    }

    private static async Task<Results<Ok<Page<WebhookResponse>>, ProblemHttpResult>> ListAsync([AsParameters] PageQuery page, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var limit = Paging.Limit(page, errors);
        var after = Paging.After(page, errors, "webhook endpoint id", Paging.Uuid);
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "webhook");
        }

        var endpoints = await grains.GetGrain<IWebhookRegistryGrain>(0).ListPageAsync(TenantAccess.RestrictedTo(user), Paging.Fetch(limit), after);
        return endpoints is null
            ? Paging.UnknownAfter(page.After!, "webhook endpoint")
            : TypedResults.Ok(Paging.Of(endpoints, limit, e => e.Id.ToString(), WebhookResponse.From));
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> DisableAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var endpointId) || !(await VisibleEndpointsAsync(user, grains)).Any(e => e.Id == endpointId))
        {
            return EndpointNotFound(id);
        }

        var disabled = await grains.GetGrain<IWebhookRegistryGrain>(0).DisableAsync(endpointId);
        return disabled is null ? EndpointNotFound(id) : TypedResults.Ok(WebhookResponse.From(disabled));
    }

    private static async Task<Results<Ok<Page<WebhookDeliveryResponse>>, ProblemHttpResult>> ListDeliveriesAsync(
        string? status, string? endpoint, [AsParameters] PageQuery page, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        WebhookDeliveryStatus? wanted = status switch
        {
            null => null,
            "pending" => WebhookDeliveryStatus.Pending,
            "delivered" => WebhookDeliveryStatus.Delivered,
            "dead" => WebhookDeliveryStatus.Dead,
            _ => null,
        };
        if (status is not null && wanted is null)
        {
            errors.Add(new InputError("status", $"unknown delivery status '{status}'", "use pending, delivered or dead, or leave status out for all"));
        }

        Guid? endpointId = null;
        if (endpoint is not null)
        {
            if (Guid.TryParse(endpoint, out var parsed))
            {
                endpointId = parsed;
            }
            else
            {
                errors.Add(new InputError("endpoint", $"'{endpoint}' is not an endpoint id", "use an id from GET /v1/webhooks"));
            }
        }

        var limit = Paging.Limit(page, errors);
        var after = Paging.After(page, errors, "delivery id", Paging.Uuid);
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "delivery");
        }

        var query = new WebhookDeliveryQuery(wanted, endpointId, TenantAccess.RestrictedTo(user), Paging.Fetch(limit), after);
        var deliveries = await grains.GetGrain<IWebhookRegistryGrain>(0).ListDeliveriesAsync(query);
        return deliveries is null
            ? Paging.UnknownAfter(page.After!, "delivery")
            : TypedResults.Ok(Paging.Of(deliveries, limit, d => d.Id.ToString(), WebhookDeliveryResponse.From));
    }

    private static async Task<Results<Ok<WebhookDeliveryResponse>, ProblemHttpResult>> ReplayAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var registry = grains.GetGrain<IWebhookRegistryGrain>(0);
        var delivery = Guid.TryParse(id, out var deliveryId) ? await registry.GetDeliveryAsync(deliveryId) : null;
        if (delivery is null || !(await VisibleEndpointsAsync(user, grains)).Any(e => e.Id == delivery.EndpointId))
        {
            return Problems.NotFound("Delivery", $"no delivery '{id}' is visible to this key; GET /v1/webhooks/deliveries lists them");
        }

        var reply = await registry.ReplayAsync(deliveryId);
        return reply.Status switch
        {
            WebhookReplayStatus.Replayed => TypedResults.Ok(WebhookDeliveryResponse.From(reply.Delivery!)),
            WebhookReplayStatus.AlreadyPending => TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "delivery-pending",
                "The delivery is still pending", $"delivery {id} has not finished yet (attempt {reply.Delivery!.Attempts}); it is sent without a replay")),
            WebhookReplayStatus.EndpointDisabled => TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "endpoint-disabled",
                "The endpoint is disabled", $"delivery {id} is for endpoint {reply.Delivery!.EndpointId}, which is disabled; register the URL again to receive new events")),
            _ => Problems.NotFound("Delivery", $"no delivery '{id}' is visible to this key; GET /v1/webhooks/deliveries lists them"),
        };
    }

    internal static (NewWebhookEndpoint? Endpoint, List<InputError> Errors) Validate(CreateWebhookRequest body)
    {
        var errors = new List<InputError>();
        if (string.IsNullOrWhiteSpace(body.Url))
        {
            errors.Add(new InputError("url", "url is required", "give the absolute http(s) URL that receives the events, e.g. \"https://billing.example.com/witn\""));
        }
        else if (body.Url.Length > MaxUrlLength)
        {
            errors.Add(new InputError("url", $"url is {body.Url.Length} characters long; the limit is {MaxUrlLength}", "use a shorter URL"));
        }
        else if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            errors.Add(new InputError("url", $"'{body.Url}' is not an absolute URL", "write the whole URL with its scheme and host, e.g. \"https://billing.example.com/witn\""));
        }
        else if (body.Url.AsSpan().IndexOfAny(UnsafeUrlCharacters) is var at and >= 0)
        {
            errors.Add(new InputError("url", $"url has {Describe(body.Url[at])} at position {at + 1}",
                "a URL holds no spaces or control characters; percent-encode them (a space is %20) or remove them"));
        }
        else if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            errors.Add(new InputError("url", $"the scheme '{uri.Scheme}' cannot receive webhooks", "use an https:// (or http://) URL"));
        }
        else if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            errors.Add(new InputError("url", "the URL has user info or a fragment", "remove 'user:password@' and '#…'; verify requests by their signature instead"));
        }

        var events = new List<string>();
        if (body.Events is null || body.Events.Count == 0)
        {
            errors.Add(new InputError("events", "at least one event type is required", $"use any of: {string.Join(", ", WebhookEventTypes.Names)}"));
        }
        else
        {
            for (var i = 0; i < body.Events.Count; i++)
            {
                if (WebhookEventTypes.IsKnown(body.Events[i]))
                {
                    events.Add(body.Events[i]);
                }
                else
                {
                    errors.Add(new InputError($"events[{i}]", $"unknown event type '{body.Events[i]}'", $"use any of: {string.Join(", ", WebhookEventTypes.Names)}"));
                }
            }
        }

        if (body.TenantId is not null && TenantAccess.CheckId(body.TenantId, "tenant_id", "leave tenant_id out for every tenant") is { } badTenant)
        {
            errors.Add(badTenant);
        }

        return errors.Count > 0 ? (null, errors) : (new NewWebhookEndpoint(body.Url!, [.. events.Distinct(StringComparer.Ordinal)], body.TenantId), errors);
    }

    // Whitespace and control characters: a URL sent with them is a mistake or header injection (CR LF), never stored.
    private static readonly SearchValues<char> UnsafeUrlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => char.IsWhiteSpace(c) || char.IsControl(c))]);

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        '\r' => "a carriage return (CR)",
        '\n' => "a line feed (LF)",
        '\t' => "a tab",
        _ => $"the character U+{(int)c:X4}",
    };

    /// <summary>Every endpoint for an unrestricted key; only those registered for its tenant for a restricted one.</summary>
    private static async Task<IEnumerable<WebhookEndpointInfo>> VisibleEndpointsAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var all = await grains.GetGrain<IWebhookRegistryGrain>(0).ListAsync();
        return TenantAccess.RestrictedTo(user) is { } only ? all.Where(e => e.TenantId == only) : all;
    }

    private static ProblemHttpResult EndpointNotFound(string id) =>
        Problems.NotFound("Webhook endpoint", $"no webhook endpoint has the id '{id}'; GET /v1/webhooks lists the ids");
}
