using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Witn.Testing;

namespace Witn.Api.Tests.Console;

/// <summary>
/// A sandbox tenant with something in every console queue, made through the HTTP API: two tickets of two agent
/// versions settled and charged, one escalated ticket waiting in review, and a dispute open on the first charge.
/// </summary>
internal static class ConsoleTenant
{
    public const string Definition = "console_ticket";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string DefinitionYaml = $"""
        name: {Definition}
        correlate_by: ticket_id
        qualify:
          all:
            - seen: ticket.closed
              where:
                resolution: solved
        review_when:
          any:
            - seen: ticket.escalated
        reverse_on:
          any:
            - seen: ticket.reopened
              after: ticket.closed
        settlement:
          window: 72h
        expire_after: 30d
        """;

    /// <summary>The tenant's id, and the id of the dispute open on T-1's charge.</summary>
    public static async Task<(string Tenant, string Dispute)> CreateAsync(HttpClient admin, string name)
    {
        var tenant = $"console-{Guid.NewGuid().ToString("N")[..10]}";
        await PutAsync(admin, $"/v1/tenants/{tenant}", "application/json",
            $$"""{"name":"{{name}}","timezone":"Europe/Berlin","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}""");
        await PutAsync(admin, $"/v1/outcomes/{Definition}", "application/yaml", DefinitionYaml);
        await PutAsync(admin, $"/v1/tenants/{tenant}/contract", "application/yaml", $"""
            tenant: {tenant}
            currency: USD
            billing_period:
              every: month
              anchor_day: 1
              timezone: UTC
            prices:
              {Definition}:
                unit_price: 2.00
            effective_from: 2026-01-01
            """);

        string Event(string ticket, string type, string at, string version, string extra = "") => $$$"""
            {"tenant_id":"{{{tenant}}}","type":"{{{type}}}","timestamp":"{{{at}}}","idempotency_key":"{{{ticket}}}-{{{type}}}",
             "agent":{"id":"support-bot","version":"{{{version}}}"},"properties":{"ticket_id":"{{{ticket}}}"{{{extra}}}}}
            """;
        string[] events =
        [
            Event("T-1", "ticket.closed", "2026-11-02T09:30:00Z", "3.1", ",\"resolution\":\"solved\""),
            Event("T-2", "ticket.closed", "2026-11-02T09:40:00Z", "3.2", ",\"resolution\":\"solved\""),
            Event("T-3", "ticket.escalated", "2026-11-02T09:45:00Z", "3.2"),
            Event("T-3", "ticket.closed", "2026-11-02T09:50:00Z", "3.2", ",\"resolution\":\"solved\""),
        ];
        using (var sent = await admin.PostAsync("/v1/events", KeysApiTests.Json($$"""{"events":[{{string.Join(',', events)}}]}"""), Ct))
        {
            Assert.True(sent.StatusCode == HttpStatusCode.Accepted, await sent.Content.ReadAsStringAsync(Ct));
        }

        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-06T00:00:00Z");
        var charges = await Eventually.ReturnsAsync(async () =>
        {
            var all = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct);
            return all.Count == 2 ? all.ToDictionary(c => c.GetProperty("correlation").GetString()!, c => c.GetProperty("id").GetString()!) : null;
        }, Deadline, $"2 charges of {tenant}");
        var dispute = await SandboxCalls.PostAsync(admin, $"/v1/charges/{charges["T-1"]}/disputes",
            """{"reason":"not_achieved","message":"The customer reopened T-1 the next morning."}""", HttpStatusCode.Created);
        // Outcome rows are group-committed: the queue lists T-3 once its row says in_review.
        await Eventually.HoldsAsync(async () =>
            (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/outcomes?state=in_review", Ct)).Count == 1, Deadline, "T-3 in review");
        return (tenant, dispute.GetProperty("id").GetString()!);
    }

    /// <summary>An outcome's status, through the API.</summary>
    public static async Task<string> StatusAsync(HttpClient admin, string tenant, string ticket) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/outcomes/{Definition}/{ticket}", Ct)).GetProperty("status").GetString()!;

    private static async Task PutAsync(HttpClient admin, string path, string contentType, string body)
    {
        using var response = await admin.PutAsync(path, new StringContent(body, Encoding.UTF8, contentType), Ct);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }
}
