using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Witn.Api.Security;
using Witn.Domain.Access;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>
/// The access matrix of docs/api.md against the app's own route table: every route is in the table with the scope
/// and reach it declares, and every route answers every kind of key as the table says.
/// </summary>
public sealed class AccessMatrixTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private const string Dashboard = "GET /dashboard/…";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void every_route_is_in_the_documented_matrix_with_the_scope_and_reach_it_declares()
    {
        var documented = DocumentedMatrix();
        var declared = Routes().GroupBy(r => r.Row).ToDictionary(g => g.Key, g => g.Select(r => r.Access).Distinct().Single());

        Assert.Empty(declared.Keys.Except(documented.Keys).Select(r => $"{r} is not in docs/api.md's access matrix: add a row with its scope and reach"));
        Assert.Empty(documented.Keys.Except(declared.Keys).Select(r => $"{r} is in docs/api.md's access matrix but the app has no such route"));
        Assert.Empty(declared.Where(d => documented[d.Key] != d.Value).Select(d => $"{d.Key}: declared {d.Value}, documented {documented[d.Key]}"));
    }

    [Fact]
    public async Task every_route_answers_restricted_and_unrestricted_keys_of_every_scope_as_the_matrix_says()
    {
        var tenant = $"matrix-{Guid.NewGuid().ToString("N")[..8]}";
        await silo.PutTenantAsync(tenant, Ct);
        using var admin = silo.Client();
        var keys = new List<(string Name, string Key, ApiKeyScope Scope, bool Restricted)> { ("operator admin", silo.AdminKey, ApiKeyScope.Admin, false) };
        foreach (var scope in new[] { ApiKeyScope.Admin, ApiKeyScope.Read, ApiKeyScope.Ingest, ApiKeyScope.Disputes, ApiKeyScope.Metrics })
        {
            keys.Add(($"restricted {ApiKeyScopes.ToName(scope)}", await KeyAsync(admin, scope, tenant), scope, true));
            if (scope != ApiKeyScope.Admin)
            {
                keys.Add(($"unrestricted {ApiKeyScopes.ToName(scope)}", await KeyAsync(admin, scope, null), scope, false));
            }
        }

        var failures = new List<string>();
        foreach (var route in Routes().Where(r => r.Access.Scope is not null))
        {
            foreach (var key in keys)
            {
                using var client = silo.Client(key.Key);
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), Fill(route.Pattern, tenant));
                if (route.Method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
                var status = (int)response.StatusCode;
                var detail = status == 403 ? (await KeysApiTests.ProblemAsync(response)).GetProperty("detail").GetString() ?? "" : "";
                var scopeOk = ApiKeyScopes.Grants([key.Scope], route.Access.Scope!.Value);
                var reachOk = !key.Restricted || route.Access.Reach != "operator";
                var what = $"{route.Method} {request.RequestUri} with the {key.Name} key: {status} {detail}";
                if (scopeOk && reachOk)
                {
                    if (status is 401 or 403 || (route.Pattern.StartsWith("/v1", StringComparison.Ordinal) && status >= 500))
                    {
                        failures.Add($"{what} (expected to be let through)");
                    }
                }
                else if (status != 403
                    || (!scopeOk && !detail.Contains($"lacks the '{ApiKeyScopes.ToName(route.Access.Scope.Value)}' scope", StringComparison.Ordinal))
                    || (!reachOk && !detail.StartsWith($"this key is restricted to tenant '{tenant}'", StringComparison.Ordinal))
                    || (!reachOk && !detail.Contains($"only an operator key can do this, a key with the '{ApiKeyScopes.ToName(route.Access.Scope.Value)}' scope that is not restricted to a tenant", StringComparison.Ordinal)))
                {
                    failures.Add($"{what} (expected a 403 naming {(scopeOk ? "" : "the scope")}{(scopeOk || reachOk ? "" : " and ")}{(reachOk ? "" : "an operator key")})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task a_key_restricted_to_a_tenant_cannot_change_the_definition_catalog_or_reach_the_cluster()
    {
        var tenant = $"matrix-{Guid.NewGuid().ToString("N")[..8]}";
        await silo.PutTenantAsync(tenant, Ct);
        using var admin = silo.Client();
        var yaml = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"), Ct);
        (await admin.PutAsync("/v1/outcomes/ticket_resolved", Yaml(yaml), Ct)).EnsureSuccessStatusCode();
        var before = await admin.GetStringAsync("/v1/outcomes/ticket_resolved", Ct);
        using var restricted = silo.Client(await KeyAsync(admin, ApiKeyScope.Admin, tenant));

        var attempts = new (string Method, string Path, HttpContent? Body)[]
        {
            ("POST", "/v1/outcomes/ticket_resolved/status", KeysApiTests.Json("""{"status":"shadow"}""")),
            ("PUT", "/v1/outcomes/ticket_resolved", Yaml(yaml.Replace("window: 72h", "window: 1s", StringComparison.Ordinal))),
            ("PUT", "/v1/outcomes/matrix_new_definition", Yaml(yaml.Replace("name: ticket_resolved", "name: matrix_new_definition", StringComparison.Ordinal))),
            ("GET", "/v1/cluster", null),
            ("POST", "/v1/cluster/probes/p1", null),
        };
        Assert.Contains("window: 72h", yaml, StringComparison.Ordinal);
        foreach (var (method, path, body) in attempts)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body };
            using var response = await restricted.SendAsync(request, Ct);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            var problem = await KeysApiTests.ProblemAsync(response);
            Assert.Equal("https://witn.actors/problems/forbidden", problem.GetProperty("type").GetString());
            var shared = path.Contains("cluster", StringComparison.Ordinal) ? "the cluster" : "the outcome definition catalog";
            Assert.Equal(
                $"this key is restricted to tenant '{tenant}', and {method} {path} reaches {shared}, which every tenant shares: only an operator key can do this, "
                + "a key with the 'admin' scope that is not restricted to a tenant (such as the silo's first admin key, saved in <data-dir>/admin.key)",
                problem.GetProperty("detail").GetString());
        }

        // Nothing changed, and what the tenant needs from the shared catalog it still reads.
        Assert.Equal(before, await admin.GetStringAsync("/v1/outcomes/ticket_resolved", Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/outcomes/matrix_new_definition", Ct)).StatusCode);
        Assert.Equal(before, await restricted.GetStringAsync("/v1/outcomes/ticket_resolved", Ct));
        using var status = await admin.PostAsync("/v1/outcomes/ticket_resolved/status", KeysApiTests.Json("""{"status":"active"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task a_read_key_restricted_to_a_tenant_is_told_both_what_it_lacks_and_which_key_can()
    {
        var tenant = $"matrix-{Guid.NewGuid().ToString("N")[..8]}";
        await silo.PutTenantAsync(tenant, Ct);
        using var admin = silo.Client();
        using var reader = silo.Client(await KeyAsync(admin, ApiKeyScope.Read, tenant));

        using var response = await reader.GetAsync("/v1/cluster", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith($"this key is restricted to tenant '{tenant}' and lacks the 'admin' scope, and GET /v1/cluster reaches the cluster",
            (await KeysApiTests.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private sealed record Access(ApiKeyScope? Scope, string Reach)
    {
        public override string ToString() => $"{(Scope is { } s ? ApiKeyScopes.ToName(s) : "none")} / {Reach}";
    }

    private sealed record Route(string Method, string Pattern, string Row, Access Access);

    /// <summary>Every route of the running app, with the scope (the strongest its policies require) and the reach it declares.</summary>
    private List<Route> Routes()
    {
        var routes = new List<Route>();
        foreach (var endpoint in silo.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            // The table writes /v1/keys for the pattern /v1/keys/; requests keep the slash (the dashboard redirects without it).
            var raw = endpoint.RoutePattern.RawText!;
            var pattern = raw.TrimEnd('/');
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var scopes = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => WitnPolicies.ScopeOf(a.Policy)).OfType<ApiKeyScope>().ToList();
            var scope = anonymous ? (ApiKeyScope?)null : scopes.Contains(ApiKeyScope.Admin) ? ApiKeyScope.Admin : scopes.Distinct().SingleOrDefault();
            Assert.True(anonymous || scopes.Count > 0, $"{pattern} needs a key but names no scope");
            var access = new Access(scope, anonymous ? "—" : KeyReach.Of(endpoint).Name);
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
            {
                var row = pattern.StartsWith("/dashboard", StringComparison.Ordinal) && method == "GET" ? Dashboard : $"{method} {pattern}";
                routes.Add(new Route(method, raw, row, access));
            }
        }

        return routes;
    }

    /// <summary>The table after <c>&lt;!-- access-matrix --&gt;</c> in docs/api.md: route → (scope, reach).</summary>
    private static Dictionary<string, Access> DocumentedMatrix()
    {
        var lines = File.ReadAllLines(Path.Combine(ExampleFiles.RepoRoot, "docs", "api.md"));
        var start = Array.IndexOf(lines, "<!-- access-matrix -->");
        Assert.True(start >= 0, "docs/api.md has no <!-- access-matrix --> marker");
        var matrix = new Dictionary<string, Access>();
        foreach (var line in lines.Skip(start + 3).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var route = cells[0].StartsWith("`GET /dashboard/…`", StringComparison.Ordinal) ? Dashboard : cells[0].Trim('`');
            ApiKeyScope? scope = cells[1] == "none" ? null : ApiKeyScopes.TryParse(cells[1], out var s) ? s : throw new InvalidDataException($"docs/api.md: unknown scope '{cells[1]}' in {line}");
            var reach = cells[2] switch
            {
                "own tenant" => KeyReach.Tenant.Name,
                "reads shared" => KeyReach.SharedRead.Name,
                "refused" => "operator",
                "—" => "—",
                _ => throw new InvalidDataException($"docs/api.md: unknown reach '{cells[2]}' in {line}"),
            };
            Assert.True(matrix.TryAdd(route, new Access(scope, reach)), $"docs/api.md lists {route} twice");
        }

        return matrix;
    }

    /// <summary>A path for a route pattern: the test tenant for <c>{tenant}</c>, a harmless well-formed value for the rest.</summary>
    private string Fill(string pattern, string tenant) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{\**(?<name>[A-Za-z]+)(:[a-z]+)?\}", m => m.Groups["name"].Value switch
        {
            "tenant" => tenant,
            "name" or "definition" => "matrix_probe",
            "id" => "00000000-0000-0000-0000-000000000001",
            "version" or "page" => "1",
            "periodStart" => "2026-11-01",
            "line" => "0",
            "key" => "p1",
            // The dashboard's silo routes (HistoricalStats/{*path}, SiloStats/{*address}, …) take a silo address.
            "address" or "path" => silo.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToParsableString(),
            _ => "x",
        });

    private static async Task<string> KeyAsync(HttpClient admin, ApiKeyScope scope, string? tenant)
    {
        using var response = await admin.PostAsJsonAsync("/v1/keys", new { name = $"matrix {ApiKeyScopes.ToName(scope)}", scopes = new[] { ApiKeyScopes.ToName(scope) }, tenant_id = tenant }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!;
    }

    private static StringContent Yaml(string yaml) => new(yaml, Encoding.UTF8, "application/yaml");
}
