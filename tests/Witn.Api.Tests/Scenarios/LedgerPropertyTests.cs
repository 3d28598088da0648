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
/// The ledger against the pure fold: random tickets (created, closed solved or not, handed off, reopened inside or
/// after their window, some reopens arriving only after settlement) sent shuffled, with retries, to a real silo;
/// the charged and credited tickets are exactly those the fold predicts, none twice.
/// </summary>
public sealed class LedgerPropertyTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static readonly DateTimeOffset ClockStart = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Final = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static readonly string DefinitionYaml = File.ReadAllText(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"));

    private sealed record TicketEvent(string Key, string Type, DateTimeOffset At, string PropertiesJson, bool Late = false);

    // One ticket, closed in the 71 h before the clock starts (so no window has closed before the first advance);
    // maybe handed off; maybe reopened before the clock starts, or "late": stamped anywhere up to the final clock
    // and sent only after the advance, when the outcome may have settled already.
    private static readonly Gen<TicketEvent[]> GenTicket =
        Gen.Select(Gen.Int[5, 71 * 60], Gen.Bool, Gen.Int[0, 5], Gen.Int[0, 14 * 24 * 60], Gen.Int[0, 3]).Select((closedBefore, solved, reopen, reopenAfter, handoff) =>
        {
            var id = Guid.NewGuid().ToString("N")[..10];
            var closed = ClockStart.AddMinutes(-closedBefore);
            var events = new List<TicketEvent>
            {
                new($"{id}-created", "ticket.created", closed.AddMinutes(-30), $$"""{"ticket_id":"{{id}}"}"""),
                new($"{id}-closed", "ticket.closed", closed, $$"""{"ticket_id":"{{id}}","resolution":"{{(solved ? "solved" : "wontfix")}}"}"""),
            };
            if (handoff == 0)
            {
                events.Add(new($"{id}-handoff", "human.handoff", closed.AddMinutes(-10), $$"""{"ticket_id":"{{id}}"}"""));
            }

            var reopened = closed.AddMinutes(reopenAfter);
            if (reopen == 0 && reopened <= ClockStart)
            {
                events.Add(new($"{id}-reopened", "ticket.reopened", reopened, $$"""{"ticket_id":"{{id}}"}"""));
            }
            else if (reopen == 1 && reopened < Final)
            {
                events.Add(new($"{id}-reopened", "ticket.reopened", reopened, $$"""{"ticket_id":"{{id}}"}""", Late: true));
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

            // Shuffled, and a third of the events sent twice (a retry), across several requests; late ones after the advance.
            var random = new Random(seed);
            var all = tickets.SelectMany(t => t).ToList();
            await SendEventsAsync(admin, tenant, random, all.Where(e => !e.Late).ToList());
            await SendOkAsync(admin, HttpMethod.Post, $"/v1/tenants/{tenant}/clock/advance", Json($$"""{"to":"{{Final:O}}"}"""));
            await SendEventsAsync(admin, tenant, random, all.Where(e => e.Late).ToList());
            // Advancing to the same instant waits until the late events have reached their outcomes.
            await SendOkAsync(admin, HttpMethod.Post, $"/v1/tenants/{tenant}/clock/advance", Json($$"""{"to":"{{Final:O}}"}"""));

            // The reference: the pure fold over each ticket's events at the final clock.
            var expectedCharges = new SortedSet<string>(StringComparer.Ordinal);
            var expectedCredits = new SortedSet<string>(StringComparer.Ordinal);
            // A ticket is charged when the fold over what was known at the advance says it settled (or settled and
            // was reversed); a charge is credited when the fold over everything says it no longer stands.
            foreach (var ticket in tickets)
            {
                var id = ticket[0].Key[..10];
                OutcomeStatus Fold(IEnumerable<TicketEvent> events) => OutcomeEvaluator.Evaluate(
                    definition, events.Select(e => OutcomeEvent.Create(Guid.NewGuid(), tenant, e.Type, e.At, e.PropertiesJson, e.Key)), Final).Status;
                var charged = Fold(ticket.Where(e => !e.Late)) is OutcomeStatus.Settled or OutcomeStatus.Reversed;
                if (charged)
                {
                    expectedCharges.Add(id);
                }

                if (charged && Fold(ticket) is not OutcomeStatus.Settled)
                {
                    expectedCredits.Add(id);
                }
            }

            var charges = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges");
            var credits = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/credits");
            var chargedTickets = charges.Select(c => c.GetProperty("correlation").GetString()!).ToList();
            var byId = charges.ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("correlation").GetString()!);
            var creditedTickets = credits.Select(c => byId[c.GetProperty("charge_id").GetString()!]).ToList();

            Assert.Equal(chargedTickets.Count, chargedTickets.Distinct().Count());
            Assert.True(expectedCharges.SetEquals(chargedTickets), Difference("charges", expectedCharges, chargedTickets, tickets));
            Assert.Equal(creditedTickets.Count, creditedTickets.Distinct().Count());
            Assert.True(expectedCredits.SetEquals(creditedTickets), Difference("credits", expectedCredits, creditedTickets, tickets));
            Assert.All(charges, c => Assert.Equal("2.00", c.GetProperty("amount").GetString()));
        }, iter: 4, threads: 1);
    }

    private static string Difference(string what, IEnumerable<string> expected, IEnumerable<string> actual, TicketEvent[][] tickets)
    {
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        string Describe(string id) => id + ": " + string.Join(", ", tickets.Single(t => t[0].Key.StartsWith(id, StringComparison.Ordinal)).Select(e => $"{e.Type} {e.At:MM-dd HH:mm} {e.PropertiesJson}"));
        return $"{what} differ from the fold. Missing: [{string.Join("; ", missing.Select(Describe))}] Extra: [{string.Join("; ", extra.Select(Describe))}]";
    }

    private static async Task SendEventsAsync(HttpClient admin, string tenant, Random random, List<TicketEvent> events)
    {
        var sent = events.Concat(events.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToList();
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
