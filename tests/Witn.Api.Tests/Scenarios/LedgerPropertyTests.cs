using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Testing;
using Witn.Testing.Silo;

namespace Witn.Api.Tests.Scenarios;

/// <summary>
/// The ledger against the pure fold: random tickets (created, closed solved or not, handed off, reopened before or
/// after their window) sent shuffled, with retries, to a real silo; after the clock passes every window, the
/// charged and credited tickets are exactly those the fold says settled (charge) or were reversed (charge and credit).
/// </summary>
public sealed class LedgerPropertyTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static readonly DateTimeOffset ClockStart = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Final = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static readonly string DefinitionYaml = File.ReadAllText(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"));

    private sealed record TicketEvent(string Key, string Type, DateTimeOffset At, string PropertiesJson);

    // One ticket: minutes after 2026-11-01 for each event it has (closing 0..11,000 min, i.e. before the clock).
    private static readonly Gen<TicketEvent[]> GenTicket =
        Gen.Select(Gen.Int[0, 11_000], Gen.Bool, Gen.Int[0, 4], Gen.Int[0, 8_000], Gen.Int[0, 3]).Select((closedAt, solved, extras, reopenAfter, handoff) =>
        {
            var id = Guid.NewGuid().ToString("N")[..10];
            var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
            var closed = start.AddMinutes(closedAt);
            var events = new List<TicketEvent>
            {
                new($"{id}-created", "ticket.created", start.AddMinutes(Math.Max(0, closedAt - 30)), $$"""{"ticket_id":"{{id}}"}"""),
                new($"{id}-closed", "ticket.closed", closed, $$"""{"ticket_id":"{{id}}","resolution":"{{(solved ? "solved" : "wontfix")}}"}"""),
            };
            if (handoff == 0)
            {
                events.Add(new($"{id}-handoff", "human.handoff", closed.AddMinutes(-10), $$"""{"ticket_id":"{{id}}"}"""));
            }

            var reopened = closed.AddMinutes(reopenAfter);
            if (extras == 0 && reopened < ClockStart)
            {
                events.Add(new($"{id}-reopened", "ticket.reopened", reopened, $$"""{"ticket_id":"{{id}}"}"""));
            }

            return events.ToArray();
        });

    [Fact]
    public async Task ledger_rows_equal_what_the_fold_predicts_for_random_shuffled_retried_streams()
    {
        var definition = OutcomeDefinition.Parse(DefinitionYaml, DefinitionFormat.Yaml).Definition!;
        using var admin = silo.Client();
        await SendOkAsync(admin, HttpMethod.Put, "/v1/outcomes/ticket_resolved", new StringContent(DefinitionYaml, Encoding.UTF8, "application/yaml"));

        await Gen.Select(GenTicket.Array[20, 40], Gen.Int).SampleAsync(async (tickets, seed) =>
        {
            var tenant = $"prop-{Guid.NewGuid().ToString("N")[..12]}";
            await SendOkAsync(admin, HttpMethod.Put, $"/v1/tenants/{tenant}", Json($$"""{"name":"property","sandbox":true,"clock_start":"{{ClockStart:O}}"}"""));
            var contract = File.ReadAllText(Path.Combine(ExampleFiles.RepoFolder("contracts"), "acme.yaml")).Replace("tenant: acme", $"tenant: {tenant}", StringComparison.Ordinal);
            await SendOkAsync(admin, HttpMethod.Put, $"/v1/tenants/{tenant}/contract", new StringContent(contract, Encoding.UTF8, "application/yaml"));

            // Shuffled, and a third of the events sent twice (a retry), across several requests.
            var random = new Random(seed);
            var all = tickets.SelectMany(t => t).ToList();
            var sent = all.Concat(all.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToList();
            foreach (var chunk in sent.Chunk(25))
            {
                var body = new JsonObject
                {
                    ["events"] = new JsonArray([.. chunk.Select(e => (JsonNode)new JsonObject
                    {
                        ["tenant_id"] = tenant,
                        ["type"] = e.Type,
                        ["timestamp"] = e.At.ToString("O", CultureInfo.InvariantCulture),
                        ["idempotency_key"] = e.Key,
                        ["properties"] = JsonNode.Parse(e.PropertiesJson),
                    })]),
                };
                await SendOkAsync(admin, HttpMethod.Post, "/v1/events", Json(body.ToJsonString()));
            }

            await SendOkAsync(admin, HttpMethod.Post, $"/v1/tenants/{tenant}/clock/advance", Json($$"""{"to":"{{Final:O}}"}"""));

            // The reference: the pure fold over each ticket's events at the final clock.
            var expectedCharges = new SortedSet<string>(StringComparer.Ordinal);
            var expectedCredits = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var ticket in tickets)
            {
                var id = ticket[0].Key[..10];
                var events = ticket.Select(e => OutcomeEvent.Create(Guid.NewGuid(), tenant, e.Type, e.At, e.PropertiesJson, e.Key));
                var status = OutcomeEvaluator.Evaluate(definition, events, Final).Status;
                if (status is OutcomeStatus.Settled or OutcomeStatus.Reversed)
                {
                    expectedCharges.Add(id);
                }

                if (status is OutcomeStatus.Reversed)
                {
                    expectedCredits.Add(id);
                }
            }

            var charges = await GetAsync(admin, $"/v1/tenants/{tenant}/charges");
            var credits = await GetAsync(admin, $"/v1/tenants/{tenant}/credits");
            var chargedTickets = charges.EnumerateArray().Select(c => c.GetProperty("correlation").GetString()!).ToList();
            var byId = charges.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("correlation").GetString()!);
            var creditedTickets = credits.EnumerateArray().Select(c => byId[c.GetProperty("charge_id").GetString()!]).ToList();

            Assert.Equal(chargedTickets.Count, chargedTickets.Distinct().Count());
            Assert.Equal(expectedCharges, new SortedSet<string>(chargedTickets, StringComparer.Ordinal));
            Assert.Equal(creditedTickets.Count, creditedTickets.Distinct().Count());
            Assert.Equal(expectedCredits, new SortedSet<string>(creditedTickets, StringComparer.Ordinal));
            Assert.All(charges.EnumerateArray(), c => Assert.Equal("2.00", c.GetProperty("amount").GetString()));
        }, iter: 4, threads: 1);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task SendOkAsync(HttpClient client, HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
