using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Witn.Abstractions.Settings;
using Witn.Api.OperatorConsole;
using Witn.Api.Portal;
using Witn.Api.Quality;
using Witn.Api.Cluster;
using Witn.Api.Contracts;
using Witn.Api.Exports;
using Witn.Api.Disputes;
using Witn.Api.Invoices;
using Witn.Api.Access;
using Witn.Api.Alerts;
using Witn.Api.Ledger;
using Witn.Api.Lifecycle;
using Witn.Api.Ingestion;
using Witn.Api.Outcomes;
using Witn.Api.RateLimits;
using Witn.Api.Tenants;
using Witn.Api.Security;
using Witn.Api.Shadow;
using Witn.Api.Simulations;
using Witn.Api.Webhooks;

namespace Witn.Api;

/// <summary>Registers and maps the HTTP facade: <c>/v1</c> routes, API-key security, problem details, OpenAPI.</summary>
public static class WitnApi
{
    public static IServiceCollection AddWitnApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        // Pages: one renderer; before AddProblemDetails, so a page route's problems become the error page for a browser.
        services.AddSingleton<Witn.Api.Pages.PageRenderer>();
        services.AddSingleton<IProblemDetailsWriter, Witn.Api.Pages.HtmlProblemWriter>();
        // The customer portal: its options, and the signer of its links (TryAdd: a test host gives it another clock).
        services.AddCheckedOptions<PortalOptions, PortalOptionsValidator>(PortalOptions.Section);
        services.TryAddSingleton<PortalSigner>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions.TryAdd("trace_id", c.HttpContext.TraceIdentifier);
            // The status-code pages' bare 404/405 (no endpoint matched) say what to do instead.
            c.ProblemDetails.Detail ??= c.ProblemDetails.Status switch
            {
                StatusCodes.Status404NotFound => $"no route matches {c.HttpContext.Request.Method} {c.HttpContext.Request.Path}; the routes are listed in /openapi/v1.json",
                StatusCodes.Status405MethodNotAllowed => $"{c.HttpContext.Request.Path} does not take {c.HttpContext.Request.Method}; /openapi/v1.json lists the methods of each route",
                _ => null,
            };
        });
        // After AddProblemDetails: answers only what the built-in writer declines (an Accept without JSON).
        services.AddSingleton<IProblemDetailsWriter, Witn.Api.Http.ProblemJsonWriter>();
        services.AddExceptionHandler<Witn.Api.Http.TransientFailureHandler>();
        // Binding failures throw (instead of a bare 400) so that BadRequestHandler can say which parameter and why.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<Witn.Api.Http.BadRequestHandler>();
        services.AddAuthentication(ApiKeyClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyClaims.Scheme, null);
        services.AddAuthorization(WitnPolicies.Register);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddKeyRateLimits();
        services.AddOpenApi("v1", Witn.Api.Documentation.ApiReference.Configure);
        return services;
    }

    /// <summary>
    /// The JSON conventions of the API (<see cref="Witn.Abstractions.Http.WitnJsonConventions"/>), strict on reading:
    /// unknown and repeated fields are errors, instants follow the one rule. Applied to the one options object every
    /// route, problem and webhook writes with (ASP.NET Core's <c>JsonOptions</c>).
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        Witn.Abstractions.Http.WitnJsonConventions.Apply(options);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // A field sent twice is ambiguous (which one did the sender mean?): refused, as in events and documents.
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new Witn.Api.Http.StrictInstantConverter());
    }

    public static RouteGroupBuilder MapWitnApi(this IEndpointRouteBuilder app)
    {
        Witn.Api.Documentation.ApiReference.MapApiReference(app);
        Witn.Api.Pages.PageKeyEndpoints.MapPageKey(app);
        app.MapPortal();
        Witn.Api.OperatorConsole.ConsoleEndpoints.MapConsoleEntry(app);
        var v1 = app.MapGroup("/v1").RequireAuthorization();
        // Every route under /v1/tenants/{tenant} is mapped on this one group, whose filter checks the tenant.
        var tenant = v1.MapTenantGroup();
        v1.MapKeys();
        v1.MapCluster();
        v1.MapOutcomes();
        v1.MapTenants(tenant);
        tenant.MapContracts();
        tenant.MapShadow();
        v1.MapEvents();
        v1.MapLedger(tenant);
        v1.MapLifecycle(tenant);
        tenant.MapInvoices();
        tenant.MapExports();
        tenant.MapPortalSessions();
        tenant.MapDisputeSummary();
        tenant.MapQuality();
        v1.MapWebhooks();
        v1.MapAlerts();
        v1.MapSimulations();
        v1.MapReconciliations();
        v1.MapDisputes(tenant);
        v1.MapConsole();
        return v1;
    }
}
