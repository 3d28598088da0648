using System.Net;
using Microsoft.OpenApi;

namespace Witn.Api.Tests;

/// <summary>
/// The OpenAPI document as a client generator reads it (Microsoft.OpenApi's reader): every operation is named,
/// secured, typed in and out, and lists its problems; and the browsable reference at <c>/openapi</c>.
/// </summary>
public sealed class OpenApiDocumentTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    // POST operations that take no body: an action on what the path names.
    private static readonly string[] Bodyless = ["clusterProbe", "disputesApprove", "disputesReview", "disputesWithdraw", "exportsRetry", "invoiceFinalize", "webhooksReplay"];

    private static readonly string[] ProblemStatuses = ["400", "401", "403", "404", "409", "413", "415", "422", "429"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task every_operation_has_an_id_a_security_requirement_schemas_in_and_out_and_its_problems()
    {
        var document = await LoadAsync();
        var failures = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, operationType, operation) in Operations(document))
        {
            var name = $"{operationType.ToString().ToUpperInvariant()} {path}";
            if (string.IsNullOrEmpty(operation.OperationId))
            {
                failures.Add($"{name}: no operationId");
            }
            else if (!ids.Add(operation.OperationId))
            {
                failures.Add($"{name}: operationId '{operation.OperationId}' is used twice");
            }

            var secured = operation.Security?.Any(r => r.Keys.Any(s => s.Reference?.Id == "bearer")) is true;
            if (path.StartsWith("/v1/", StringComparison.Ordinal) != secured)
            {
                failures.Add(secured ? $"{name}: a security requirement outside /v1" : $"{name}: no bearer security requirement");
            }

            var takesBody = operationType is HttpMethod m && (m == HttpMethod.Post || m == HttpMethod.Put) && !Bodyless.Contains(operation.OperationId);
            if (takesBody && (operation.RequestBody?.Content is not { Count: > 0 } content || content.Values.Any(c => c.Schema is null)))
            {
                failures.Add($"{name}: no request body schema");
            }
            else if (!takesBody && operation.RequestBody is not null)
            {
                failures.Add($"{name}: a request body on an operation that reads none");
            }

            var responses = operation.Responses ?? new OpenApiResponses();
            var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
            if (success.Count == 0 || success.Any(r => r.Value.Content is not { Count: > 0 } body || body.Values.Any(c => c.Schema is null)))
            {
                failures.Add($"{name}: a 2xx response without a schema");
            }

            if (!responses.Keys.Any(k => k.StartsWith('4')))
            {
                failures.Add($"{name}: no 4xx response");
            }

            foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('4')))
            {
                if (!ProblemStatuses.Contains(status))
                {
                    failures.Add($"{name}: {status} is not one of the API's problem statuses");
                }

                if (response.Content?.TryGetValue("application/problem+json", out var problem) is not true
                    || problem.Schema is not OpenApiSchemaReference { Reference.Id: "ProblemDetails" })
                {
                    failures.Add($"{name}: {status} is not an application/problem+json ProblemDetails");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(ids.Count >= 38, $"only {ids.Count} operations in the document");
    }

    [Fact]
    public async Task the_bearer_scheme_is_declared_as_http_bearer()
    {
        var document = await LoadAsync();

        var scheme = Assert.Contains("bearer", document.Components!.SecuritySchemes!);

        Assert.Equal(SecuritySchemeType.Http, scheme.Type);
        Assert.Equal("bearer", scheme.Scheme);
    }

    [Fact]
    public async Task numbers_in_queries_are_integers_not_text()
    {
        var document = await LoadAsync();

        var numbers = Operations(document)
            .SelectMany(o => o.Operation.Parameters ?? [])
            .Where(p => p.Name is "limit" or "skip" or "take" or "line")
            .ToList();

        Assert.Contains(numbers, p => p.Name == "limit");
        Assert.All(numbers, p => Assert.Equal(JsonSchemaType.Integer, p.Schema!.Type));
    }

    [Fact]
    public async Task finalize_says_it_answers_201_when_it_freezes_the_invoice_and_200_when_it_was_final()
    {
        var document = await LoadAsync();

        var finalize = document.Paths["/v1/tenants/{tenant}/invoices/{periodStart}/finalize"].Operations![HttpMethod.Post];

        Assert.Contains("201", finalize.Responses!.Keys);
        Assert.Contains("200", finalize.Responses.Keys);
        Assert.Contains("409", finalize.Responses.Keys);
        Assert.Equal(JsonSchemaType.Object, finalize.Responses["201"].Content!["application/json"].Schema!.Type);
    }

    [Fact]
    public async Task the_events_body_is_described_in_each_of_its_content_types()
    {
        var document = await LoadAsync();

        var ingest = document.Paths["/v1/events"].Operations![HttpMethod.Post];
        var content = ingest.RequestBody!.Content!;

        Assert.Equal(["application/cloudevents+json", "application/cloudevents-batch+json", "application/json"], content.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, content["application/json"].Schema!.OneOf!.Count);
        Assert.Equal(JsonSchemaType.Array, content["application/cloudevents-batch+json"].Schema!.Type);
        var cloudEvent = Assert.IsType<OpenApiSchemaReference>(content["application/cloudevents+json"].Schema);
        Assert.Contains("tenantid", cloudEvent.Required!);
        Assert.All(["400", "413", "415"], status => Assert.Contains(status, ingest.Responses!.Keys));
    }

    [Fact]
    public async Task the_api_reference_is_served_at_openapi_from_the_silo_without_a_key()
    {
        using var client = silo.Anonymous();

        using var page = await client.GetAsync("/openapi", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        using var script = await client.GetAsync(new Uri(page.RequestMessage!.RequestUri!, "scalar.js"), Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True(script.Content.Headers.ContentLength > 100_000, "the reference's script is served by the silo, not a CDN");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json", Ct)).StatusCode);
    }

    private async Task<OpenApiDocument> LoadAsync()
    {
        using var client = silo.Anonymous();
        var json = await client.GetStringAsync("/openapi/v1.json", Ct);

        var (document, diagnostic) = OpenApiDocument.Parse(json, "json");

        Assert.NotNull(document);
        Assert.True(diagnostic?.Errors is not { Count: > 0 }, string.Join("; ", diagnostic!.Errors.Select(e => e.Message)));
        return document;
    }

    private static IEnumerable<(string Path, HttpMethod Type, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        from path in document.Paths
        from operation in path.Value.Operations ?? []
        select (path.Key, operation.Key, operation.Value);
}
