using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Witn.Testing;
using Witn.Testing.Silo;

namespace Witn.Api.Tests;

/// <summary>
/// Sends hostile path segments, query values and bodies to every route of the app's route table (read from its
/// <see cref="EndpointDataSource"/>, so a new route is fuzzed without touching this test) and fails on any 5xx, and
/// on any refusal of a <c>/v1</c> route without a problem body (5xx are listed first). Deterministic: a fixed corpus, every route × every value, no randomness.
/// </summary>
public sealed class RouteFuzzTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private const string Tenant = "fuzz-acme";

    /// <summary>Path segments and query values, as sent on the wire (already percent-encoded where needed).</summary>
    private static readonly string[] HostileValues =
    [
        "%00", "a%00b", "%2e%2e", "%2E", "..", "a%2Fb", "%2F", "%5C", "%ED%A0%80", "%FF%FE", "%C3%A9", "%F0%9F%98%80",
        "%20", "%09", "%0D%0A", "-1", "0", "99999999999999999999", "1e309", "NaN", "true", "null", "%7B%7D",
        "%27%20OR%201%3D1--", "%25", "%2525", "ticket_resolved/a%00b", new string('a', 3000), "9999-12-31T23:59:59Z",
        "0001-01-01", "2026-11-01T00:00:00%2B14:00",
    ];

    private static readonly (string ContentType, string Body)[] HostileBodies =
    [
        ("application/json", """{"name": "\ud800"}"""),
        ("application/json", """{"\udc00": 1}"""),
        ("application/json", """{"name": "a\u0000b"}"""),
        ("application/json", "\"\\ud800\""),
        ("application/json", "{\"name\": \"x\0\"}"),
        ("application/json", ""),
        ("application/json", "null"),
        ("application/json", "[]"),
        ("application/json", "{"),
        ("application/json", "1e999999"),
        ("application/json", new string('[', 10_000) + new string(']', 10_000)),
        ("application/json", "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 201)),
        ("application/json", "[" + string.Join(",", Enumerable.Repeat("{}", 20_000)) + "]"),
        ("application/json", """{"events": [{"tenant_id": "fuzz-acme", "type": "\ud800", "timestamp": "2026-11-02T09:00:00Z", "idempotency_key": "k\ud800", "properties": {"\ud800": "\udfff"}}]}"""),
        ("application/json", """{"definition": {"name": "\ud800"}, "events": []}"""),
        ("application/json", """{"name": "ticket_resolved", "events": [{"type": "ticket.closed", "timestamp": "2026-11-02T09:30:00Z", "properties": {"ticket_id": "\ud800"}}]}"""),
        ("application/json; charset=latin1", """{"name": "x"}"""),
        ("application/json; charset=utf-16", "{}"),
        ("application/yaml", InputLimitsTests.AliasLaughs(30)),
        ("application/yaml", "a: *nowhere\n"),
        ("application/yaml", "name: \"\\ud800\"\n"),
        ("application/yaml", "!!binary AAAA"),
        ("application/yaml", "--- a\n--- b\n"),
        ("text/plain", "hello"),
        ("application/x-www-form-urlencoded", "a=%00"),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task no_hostile_path_segment_query_value_or_body_on_any_route_gets_a_5xx_or_an_answer_without_a_problem()
    {
        await SeedAsync();
        var routes = Routes();
        Assert.Contains(routes, r => r.Pattern == "/v1/tenants/{tenant}/outcomes" && r.Method == "GET");
        Assert.True(routes.Count > 40, $"only {routes.Count} routes found");

        var requests = routes.SelectMany(Requests).ToList();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (r, ct) =>
        {
            var answer = await RawHttp.SendAsync(silo.BaseAddress, r.Method, r.Target, silo.AdminKey, r.ContentType, r.Body is null ? null : Encoding.UTF8.GetBytes(r.Body), ct);
            if (answer.Status is 0 or >= 500)
            {
                failures.Add($"{r.Method} {Clip(r.Target)} [{r.ContentType}] {Clip(r.Body ?? "")} → {answer.Status} {Clip(answer.Body)}");
            }
            else if (answer.Status >= 400 && r.Target.StartsWith("/v1/", StringComparison.Ordinal) && !NulInPath(r.Target)
                && !answer.ContentType.StartsWith("application/problem+json", StringComparison.Ordinal))
            {
                failures.Add($"~ {r.Method} {Clip(r.Target)} → {answer.Status} without a problem body ('{answer.ContentType}')");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests.Count} requests failed:\n" + string.Join("\n", failures.Order(StringComparer.Ordinal).Take(40)));
    }

    // A tenant with a contract and a definition, so hostile values reach past "no such tenant" into the handlers.
    private async Task SeedAsync()
    {
        using var admin = silo.Client();
        await silo.PutTenantAsync(Tenant, Ct);
        var definition = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"), Ct);
        (await admin.PutAsync("/v1/outcomes/ticket_resolved", OutcomesApiTests.Yaml(definition), Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/v1/tenants/{Tenant}/contract", OutcomesApiTests.Yaml("currency: USD\nprices:\n  ticket_resolved:\n    unit_price: 2.00\n"), Ct)).EnsureSuccessStatusCode();
    }

    private List<Route> Routes() =>
        [.. silo.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/dashboard", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new Route(m, e)))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];

    private static IEnumerable<FuzzRequest> Requests(Route route)
    {
        var parameters = route.Endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
        var takesBody = route.Method is "POST" or "PUT" or "PATCH";
        (string?, string?) body = takesBody ? ("application/json", "{}") : (null, null);

        // Each path value in turn, the others well formed.
        foreach (var parameter in parameters)
        {
            foreach (var value in HostileValues)
            {
                yield return new FuzzRequest(route.Method, Target(route, parameters.ToDictionary(p => p, p => p == parameter ? value : Valid(p))), body.Item1, body.Item2);
            }
        }

        // Each query value the handler may read, on a well-formed path.
        var path = Target(route, parameters.ToDictionary(p => p, Valid));
        foreach (var name in QueryNamesOf(route).Concat(["x%00"]))
        {
            foreach (var value in HostileValues)
            {
                yield return new FuzzRequest(route.Method, $"{path}?{name}={value}", body.Item1, body.Item2);
            }
        }

        if (takesBody)
        {
            foreach (var (contentType, text) in HostileBodies)
            {
                yield return new FuzzRequest(route.Method, path, contentType, text);
            }
        }
    }

    // The handler's parameters that are neither route values nor services: where query values bind.
    private static IEnumerable<string> QueryNamesOf(Route route)
    {
        var routeValues = route.Endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return route.Endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
            .Where(p => !routeValues.Contains(p.Name!) && IsQueryType(p))
            .Select(p => p.Name!) ?? [];
    }

    private static bool IsQueryType(ParameterInfo parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(decimal);
    }

    private static string Valid(string parameter) => parameter switch
    {
        "tenant" => Tenant,
        "name" or "definition" => "ticket_resolved",
        "correlation" => "T-1",
        "periodStart" => "2026-11-01",
        "line" => "0",
        "version" => "1",
        "id" => "0192f0c4-5b7e-7c1a-9d3e-4f5a6b7c8d9e",
        "documentName" => "v1",
        _ => "x",
    };

    private static string Target(Route route, Dictionary<string, string> values)
    {
        var target = new StringBuilder();
        foreach (var segment in route.Endpoint.RoutePattern.PathSegments)
        {
            target.Append('/');
            foreach (var part in segment.Parts)
            {
                target.Append(part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => values[parameter.Name],
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                    _ => "",
                });
            }
        }

        return target.Length == 0 ? "/" : target.ToString();
    }

    // Kestrel refuses %00 in a path before any middleware runs, with a bare 400 (docs/security.md): checked for 5xx only.
    private static bool NulInPath(string target) => target.Split('?')[0].Contains("%00", StringComparison.Ordinal);

    private static string Clip(string text) => text.Length <= 120 ? text : text[..120] + "…";

    private sealed record Route(string Method, RouteEndpoint Endpoint)
    {
        public string Pattern => Endpoint.RoutePattern.RawText!;
    }

    private sealed record FuzzRequest(string Method, string Target, string? ContentType, string? Body);
}
