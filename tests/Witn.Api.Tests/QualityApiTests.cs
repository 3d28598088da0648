using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>
/// <c>GET /v1/tenants/{tenant}/quality</c> and <c>…/quality/compare</c> over real HTTP on a sandbox tenant: outcomes
/// settled, voided, expired, reviewed (approved and rejected), reversed, disputed and credited, unpriced, with and
/// without trace ids, from two versions of one agent, plus duplicate and conflicting events. Every figure is checked
/// against counts the test derives from its own scenario table (and the ledger's charges), not from the counters.
/// </summary>
public sealed class QualityApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private const string Priced = "qt_resolved";
    private const string Unpriced = "qt_unpriced";

    private static readonly string DefinitionYaml = $"""
        name: {Priced}
        correlate_by: ticket_id
        qualify:
          all:
            - seen: ticket.closed
              where:
                resolution: solved
        review_when:
          any:
            - seen: ticket.escalated
            # Names ticket.created, so it is routed here and opens the outcome; no event of the test sets this.
            - seen: ticket.created
              where:
                escalate: "yes"
        reverse_on:
          any:
            - seen: ticket.reopened
              after: ticket.closed
        settlement:
          window: 72h
        expire_after: 2d
        """;

    private static readonly string UnpricedYaml = $"""
        name: {Unpriced}
        correlate_by: task_id
        qualify:
          all:
            - seen: task.done
        settlement:
          window: 1h
        expire_after: 2d
        """;

    /// <summary>
    /// The scenario, one line per outcome: its agent version, the day and hour of its first event, what happens to it,
    /// whether its events carry trace ids, and what the ledger does with its charge afterwards.
    /// </summary>
    private static readonly Ticket[] Tickets =
    [
        new("T-1", "3.1", 1, Fate.Settled, Traced: true, Created: true, Dispute: DisputeEnd.Credited),
        new("T-2", "3.1", 1, Fate.Settled, Traced: true),
        new("T-3", "3.1", 1, Fate.Voided, Traced: false),
        new("T-4", "3.1", 1, Fate.Expired, Traced: false),
        new("T-5", "3.2", 2, Fate.Settled, Traced: true, Dispute: DisputeEnd.Open),
        new("T-6", "3.2", 2, Fate.Settled, Traced: false, ReversedLater: true),
        new("T-7", "3.2", 2, Fate.Settled, Traced: true, Created: true),
        new("T-8", "3.2", 2, Fate.Approved, Traced: true),
        new("T-9", "3.2", 2, Fate.Rejected, Traced: true),
        new("T-10", "3.2", 2, Fate.Expired, Traced: true),
        new("U-1", "3.2", 2, Fate.Settled, Traced: true, Definition: Unpriced),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task by_agent_version_every_figure_matches_the_counts_of_the_scenario()
    {
        using var admin = silo.Client();
        var scenario = await ScenarioAsync(admin);

        var groups = await GroupsAsync(admin, $"/v1/tenants/{scenario.Tenant}/quality?by=agent_version");

        Assert.Equal(["3.1", "3.2"], groups.Select(g => g.GetProperty("agent").GetProperty("version").GetString()).ToArray());
        foreach (var group in groups)
        {
            Assert.Equal("support-bot", group.GetProperty("agent").GetProperty("id").GetString());
            var version = group.GetProperty("agent").GetProperty("version").GetString()!;
            var figures = Assert.Single(group.GetProperty("intervals").EnumerateArray());
            AssertFigures(scenario, Tickets.Where(t => t.Version == version).ToArray(), figures, events: scenario.EventsByVersion[version]);
        }
    }

    [Fact]
    public async Task ungrouped_by_definition_and_by_agent_the_figures_add_up_the_same_way()
    {
        using var admin = silo.Client();
        var scenario = await ScenarioAsync(admin);
        var allEvents = scenario.EventsByVersion.Values.Aggregate(EventCounts.None, (a, b) => a + b);

        var total = Assert.Single(await GroupsAsync(admin, $"/v1/tenants/{scenario.Tenant}/quality"));
        Assert.Equal(JsonValueKind.Null, total.GetProperty("definition").ValueKind);
        AssertFigures(scenario, Tickets, Assert.Single(total.GetProperty("intervals").EnumerateArray()), allEvents);

        var agent = Assert.Single(await GroupsAsync(admin, $"/v1/tenants/{scenario.Tenant}/quality?by=agent"));
        Assert.Equal("support-bot", agent.GetProperty("agent").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, agent.GetProperty("agent").GetProperty("version").ValueKind);
        AssertFigures(scenario, Tickets, Assert.Single(agent.GetProperty("intervals").EnumerateArray()), allEvents);

        // Events are counted before routing: by definition they belong to no group and read null.
        var definitions = await GroupsAsync(admin, $"/v1/tenants/{scenario.Tenant}/quality?by=definition");
        Assert.Equal([Priced, Unpriced], definitions.Select(d => d.GetProperty("definition").GetString()).ToArray());
        foreach (var d in definitions)
        {
            var name = d.GetProperty("definition").GetString();
            AssertFigures(scenario, Tickets.Where(t => t.Definition == name).ToArray(), Assert.Single(d.GetProperty("intervals").EnumerateArray()), events: null);
        }
    }

    [Fact]
    public async Task intervals_split_the_outcomes_by_the_day_of_their_first_event_and_a_range_keeps_whole_days()
    {
        using var admin = silo.Client();
        var scenario = await ScenarioAsync(admin);

        var intervals = Assert.Single(await GroupsAsync(admin, $"/v1/tenants/{scenario.Tenant}/quality?interval=day")).GetProperty("intervals").EnumerateArray().ToList();
        // The reopenings of 11-06 are events of that day, with no outcome opened on it.
        var late = Assert.Single(intervals, d => d.GetProperty("from").GetDateTimeOffset() == new DateTimeOffset(2026, 11, 6, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, late.GetProperty("opened").GetInt64());
        Assert.Equal(Tickets.Count(t => t.ReversedLater), late.GetProperty("events_received").GetInt64());
        var days = intervals.Where(d => d.GetProperty("opened").GetInt64() > 0).ToList();
        Assert.Equal(["2026-11-01T00:00:00+00:00", "2026-11-02T00:00:00+00:00"], days.Select(d => d.GetProperty("from").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), days[0].GetProperty("to").GetDateTimeOffset());
        for (var day = 1; day <= 2; day++)
        {
            Assert.Equal(Tickets.Count(t => t.Day == day), days[day - 1].GetProperty("opened").GetInt64());
        }

        // 2026-11-02 is a Monday: one ISO week holds day 1 (Sunday), the next day 2, cut to the range asked for.
        var weeks = Assert.Single(await GroupsAsync(admin, $"/v1/tenants/{scenario.Tenant}/quality?interval=week&from=2026-11-01T00:00:00Z&to=2026-11-04T00:00:00Z"))
            .GetProperty("intervals").EnumerateArray().ToList();
        Assert.Equal(2, weeks.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), weeks[0].GetProperty("from").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), weeks[1].GetProperty("from").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero), weeks[1].GetProperty("to").GetDateTimeOffset());

        var second = Assert.Single(await GroupsAsync(admin, $"/v1/tenants/{scenario.Tenant}/quality?from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z"));
        Assert.Equal(Tickets.Count(t => t.Day == 2), Assert.Single(second.GetProperty("intervals").EnumerateArray()).GetProperty("opened").GetInt64());

        // A range without anything counted is still one group, of zeros.
        var empty = Assert.Single(Assert.Single(await GroupsAsync(admin, $"/v1/tenants/{scenario.Tenant}/quality?from=2027-01-01T00:00:00Z")).GetProperty("intervals").EnumerateArray());
        Assert.Equal(0, empty.GetProperty("opened").GetInt64());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("conversion_rate").ValueKind);
        Assert.Empty(await GroupsAsync(admin, $"/v1/tenants/{scenario.Tenant}/quality?from=2027-01-01T00:00:00Z&by=agent_version"));
    }

    [Fact]
    public async Task compare_puts_two_versions_side_by_side_with_the_counts_and_a_two_proportion_test()
    {
        using var admin = silo.Client();
        var scenario = await ScenarioAsync(admin);

        using var response = await admin.GetAsync($"/v1/tenants/{scenario.Tenant}/quality/compare?agent=support-bot&versions=3.1,3.2&definition={Priced}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var body = JsonDocument.Parse(text).RootElement;

        Assert.Equal(["3.1", "3.2"], body.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()).ToArray());
        Assert.Contains("two-proportion z-test", body.GetProperty("test").GetString(), StringComparison.Ordinal);
        var conversion = body.GetProperty("comparisons").EnumerateArray().Single(c => c.GetProperty("figure").GetString() == "conversion_rate");
        var (old, @new) = (Tickets.Where(t => t.Version == "3.1" && t.Definition == Priced).ToArray(), Tickets.Where(t => t.Version == "3.2" && t.Definition == Priced).ToArray());
        Assert.Equal(old.Count(t => t.Charged), conversion.GetProperty("first").GetProperty("part").GetInt64());
        Assert.Equal(old.Length, conversion.GetProperty("first").GetProperty("whole").GetInt64());
        Assert.Equal(@new.Count(t => t.Charged), conversion.GetProperty("second").GetProperty("part").GetInt64());
        Assert.Equal(@new.Length, conversion.GetProperty("second").GetProperty("whole").GetInt64());
        // A handful of outcomes is never beyond noise: the normal approximation needs more.
        Assert.False(conversion.GetProperty("enough_data").GetBoolean());
        Assert.False(conversion.GetProperty("beyond_noise").GetBoolean());
        Assert.Equal(Rate(@new.Count(t => t.Charged), @new.Length) - Rate(old.Count(t => t.Charged), old.Length), conversion.GetProperty("difference").GetDecimal());
        // Filtered by definition, events cannot be placed: no duplicate comparison, null event figures.
        Assert.DoesNotContain(body.GetProperty("comparisons").EnumerateArray(), c => c.GetProperty("figure").GetString() == "duplicate_suppression_rate");
        Assert.Equal(JsonValueKind.Null, body.GetProperty("versions")[0].GetProperty("figures").GetProperty("events_received").ValueKind);
    }

    [Theory]
    [InlineData("quality?from=yesterday", "from")]
    [InlineData("quality?to=2026-11-01", "to")]
    [InlineData("quality?from=2026-11-01T12:00:00Z", "from")]
    [InlineData("quality?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("quality?by=customer", "by")]
    [InlineData("quality?interval=hour", "interval")]
    [InlineData("quality/compare?versions=3.1,3.2", "agent")]
    [InlineData("quality/compare?agent=support-bot", "versions")]
    [InlineData("quality/compare?agent=support-bot&versions=3.1", "versions")]
    [InlineData("quality/compare?agent=support-bot&versions=3.1,3.1", "versions")]
    [InlineData("quality/compare?agent=support-bot&versions=3.1,3.2&to=2026-11-01T00:00:01Z", "to")]
    public async Task a_bad_parameter_is_a_400_problem_naming_it(string query, string field)
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin);

        using var response = await admin.GetAsync($"/v1/tenants/{tenant}/{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await KeysApiTests.ProblemAsync(response);
        Assert.Equal(field, problem.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task a_read_key_sees_the_quality_of_its_own_tenant_and_another_tenant_is_not_found()
    {
        using var admin = silo.Client();
        var mine = await SandboxAsync(admin);
        var other = await SandboxAsync(admin);
        using var reader = silo.Client(await SandboxCalls.KeyAsync(admin, "read", mine));
        using var ingest = silo.Client(await SandboxCalls.KeyAsync(admin, "ingest", mine));

        using var own = await reader.GetAsync($"/v1/tenants/{mine}/quality", Ct);
        using var compare = await reader.GetAsync($"/v1/tenants/{mine}/quality/compare?agent=a&versions=1,2", Ct);
        using var foreign = await reader.GetAsync($"/v1/tenants/{other}/quality", Ct);
        using var writer = await ingest.GetAsync($"/v1/tenants/{mine}/quality", Ct);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, compare.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writer.StatusCode);
    }

    /// <summary>Checks one interval's figures against the tickets it covers (and the ledger's charges of them).</summary>
    private static void AssertFigures(Scenario scenario, Ticket[] tickets, JsonElement f, EventCounts? events)
    {
        long Count(Func<Ticket, bool> p) => tickets.LongCount(p);
        var qualified = Count(t => t.Fate != Fate.Expired);
        var charged = tickets.Where(t => t.Charged).ToArray();
        Assert.Equal(tickets.Length, f.GetProperty("opened").GetInt64());
        Assert.Equal(qualified, f.GetProperty("qualified").GetInt64());
        Assert.Equal(Count(t => t.Fate is Fate.Approved or Fate.Rejected), f.GetProperty("in_review").GetInt64());
        Assert.Equal(charged.Length, f.GetProperty("settled").GetInt64());
        Assert.Equal(Count(t => t.Fate == Fate.Voided), f.GetProperty("voided").GetInt64());
        Assert.Equal(Count(t => t.Fate == Fate.Expired), f.GetProperty("expired").GetInt64());
        Assert.Equal(Count(t => t.Fate == Fate.Rejected), f.GetProperty("rejected").GetInt64());
        Assert.Equal(Count(t => t.ReversedLater), f.GetProperty("reversed").GetInt64());
        Assert.Equal(Rate(charged.Length, tickets.Length), Decimal(f, "conversion_rate"));
        Assert.Equal(Rate(Count(t => t.Fate == Fate.Voided), qualified), Decimal(f, "void_rate"));
        Assert.Equal(Rate(Count(t => t.Fate is Fate.Approved or Fate.Rejected), qualified), Decimal(f, "review_rate"));

        Assert.Equal(charged.Length, f.GetProperty("charges").GetInt64());
        var disputed = charged.Count(t => t.Dispute != DisputeEnd.None);
        Assert.Equal(disputed, f.GetProperty("disputed_charges").GetInt64());
        Assert.Equal(disputed, f.GetProperty("disputes").GetInt64());
        Assert.Equal(Rate(disputed, charged.Length), Decimal(f, "dispute_rate"));
        var credited = charged.Count(t => t.Dispute == DisputeEnd.Credited || t.ReversedLater);
        Assert.Equal(credited, f.GetProperty("credited_charges").GetInt64());
        Assert.Equal(credited, f.GetProperty("credits").GetInt64());
        Assert.Equal(Rate(credited, charged.Length), Decimal(f, "credit_rate"));
        // A dispute credit gives back 0.50; a reversal the whole 2.00 of a priced charge.
        var money = (charged.Count(t => t.Dispute == DisputeEnd.Credited) * 0.50m) + (charged.Count(t => t.ReversedLater && t.Definition == Priced) * 2.00m);
        var amounts = f.GetProperty("credited_amounts").EnumerateArray().ToList();
        if (credited == 0)
        {
            Assert.Empty(amounts);
        }
        else
        {
            var usd = Assert.Single(amounts);
            Assert.Equal("USD", usd.GetProperty("currency").GetString());
            Assert.Equal(money.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), usd.GetProperty("amount").GetString());
        }

        Assert.Equal(charged.Count(t => t.Definition == Unpriced), f.GetProperty("unpriced_charges").GetInt64());
        // Complete evidence: every event traced (all carry the agent) and a contract version (in force, even unpriced).
        var complete = charged.Count(t => t.Traced);
        Assert.Equal(complete, f.GetProperty("evidence_complete_charges").GetInt64());
        Assert.Equal(Rate(complete, charged.Length), Decimal(f, "evidence_completeness"));

        // Time to billable completion: the ledger's settles_at less the ticket's first event, nearest rank, within 4.4 %.
        var completion = f.GetProperty("time_to_billable_completion");
        var exact = charged.Select(t => (scenario.SettlesAt[t.Id] - t.FirstEventAt).TotalSeconds).Order().ToArray();
        Assert.Equal(exact.Length, completion.GetProperty("outcomes").GetInt64());
        Assert.Equal(exact[(int)Math.Ceiling(0.5 * exact.Length) - 1], completion.GetProperty("p50_seconds").GetInt64(), tolerance: exact[^1] * 0.045);
        Assert.Equal(exact[(int)Math.Ceiling(0.9 * exact.Length) - 1], completion.GetProperty("p90_seconds").GetInt64(), tolerance: exact[^1] * 0.045);

        if (events is not { } e)
        {
            foreach (var name in new[] { "events_received", "duplicates", "duplicate_suppression_rate", "conflicts" })
            {
                Assert.Equal(JsonValueKind.Null, f.GetProperty(name).ValueKind);
            }

            return;
        }

        Assert.Equal(e.Received, f.GetProperty("events_received").GetInt64());
        Assert.Equal(e.Duplicates, f.GetProperty("duplicates").GetInt64());
        Assert.Equal(e.Conflicts, f.GetProperty("conflicts").GetInt64());
        Assert.Equal(Rate(e.Duplicates, e.Received), Decimal(f, "duplicate_suppression_rate"));
    }

    private static decimal? Rate(long part, long whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    private static decimal? Decimal(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    private static async Task<List<JsonElement>> GroupsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("groups").EnumerateArray().Select(g => g.Clone())];
    }

    /// <summary>Plays <see cref="Tickets"/> on a new sandbox tenant and returns what the test needs to check the figures.</summary>
    private static async Task<Scenario> ScenarioAsync(HttpClient admin)
    {
        var tenant = await SandboxAsync(admin);
        var events = new Dictionary<string, EventCounts> { ["3.1"] = EventCounts.None, ["3.2"] = EventCounts.None };
        var sent = new List<string>();
        foreach (var t in Tickets)
        {
            var trace = t.Traced ? $"\"trace\":{{\"trace_id\":\"{Guid.NewGuid():N}\",\"span_id\":\"00f067aa0ba902b7\"}}," : "";
            string Event(string key, string type, DateTimeOffset at, string properties) => $$$"""
                {"tenant_id":"{{{tenant}}}","type":"{{{type}}}","timestamp":"{{{at:O}}}","idempotency_key":"{{{t.Id}}}-{{{key}}}",{{{trace}}}
                 "agent":{"id":"support-bot","version":"{{{t.Version}}}"},"properties":{{{{properties}}}}}
                """;
            var id = t.Definition == Priced ? $"\"ticket_id\":\"{t.Id}\"" : $"\"task_id\":\"{t.Id}\"";
            var at = t.FirstEventAt;
            var mine = new List<string>();
            if (t.Created)
            {
                mine.Add(Event("created", "ticket.created", at, id));
                at = at.AddHours(2);
            }

            switch (t.Fate)
            {
                case Fate.Expired:
                    mine.Add(Event("opened", "ticket.created", at, id));
                    break;
                case Fate.Settled when t.Definition == Unpriced:
                    mine.Add(Event("done", "task.done", at, id));
                    break;
                case Fate.Approved or Fate.Rejected:
                    mine.Add(Event("escalated", "ticket.escalated", at, id));
                    mine.Add(Event("closed", "ticket.closed", at.AddMinutes(5), $"{id},\"resolution\":\"solved\""));
                    break;
                default:
                    mine.Add(Event("closed", "ticket.closed", at, $"{id},\"resolution\":\"solved\""));
                    break;
            }

            if (t.Fate == Fate.Voided)
            {
                mine.Add(Event("reopened", "ticket.reopened", at.AddHours(3), id));
            }

            sent.AddRange(mine);
            events[t.Version] += new EventCounts(mine.Count, 0, 0);
        }

        Assert.All(await SandboxCalls.SendAsync(admin, sent), s => Assert.Equal("accepted", s));
        // T-1's close again as it was (a duplicate, twice), and T-2's close with another resolution (a conflict).
        var t1 = sent.First(e => e.Contains("\"T-1-closed\"", StringComparison.Ordinal));
        var t2 = sent.First(e => e.Contains("\"T-2-closed\"", StringComparison.Ordinal)).Replace("\"solved\"", "\"closed\"", StringComparison.Ordinal);
        var statuses = await SandboxCalls.SendAsync(admin, [t1, t1, t2]);
        Assert.Equal(["duplicate", "duplicate", "conflict"], statuses);
        events["3.1"] += new EventCounts(3, 2, 1);

        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-03T00:00:00Z");
        foreach (var t in Tickets.Where(t => t.Fate is Fate.Approved or Fate.Rejected))
        {
            var decision = t.Fate == Fate.Approved ? "approve" : "reject";
            await Eventually.HoldsAsync(async () =>
            {
                using var r = await admin.PostAsync($"/v1/tenants/{tenant}/reviews/{Priced}/{t.Id}", KeysApiTests.Json($$"""{"decision":"{{decision}}"}"""), Ct);
                return r.IsSuccessStatusCode;
            }, Deadline, $"review of {t.Id}");
        }

        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-06T00:00:00Z");
        var charged = Tickets.Where(t => t.Charged).ToArray();
        var charges = await Eventually.ReturnsAsync(async () =>
        {
            var list = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct);
            return list.Count == charged.Length ? list : null;
        }, Deadline, $"{charged.Length} charges");
        var ids = charges.ToDictionary(c => c.GetProperty("correlation").GetString()!, c => c.GetProperty("id").GetString()!);
        var settlesAt = charges.ToDictionary(c => c.GetProperty("correlation").GetString()!, c => c.GetProperty("settles_at").GetDateTimeOffset());

        foreach (var t in charged.Where(t => t.Dispute != DisputeEnd.None))
        {
            var opened = await SandboxCalls.PostAsync(admin, $"/v1/charges/{ids[t.Id]}/disputes", """{"reason":"not_achieved","message":"Not solved.","amount":"1.00"}""", HttpStatusCode.Created);
            if (t.Dispute == DisputeEnd.Credited)
            {
                await SandboxCalls.PostAsync(admin, $"/v1/disputes/{opened.GetProperty("id").GetString()}/resolve", """{"decision":"credit","amount":"0.50","note":"half"}""", HttpStatusCode.OK);
            }
        }

        // A reopening after the window: the settled charge is reversed and credited.
        var reopen = Tickets.Where(t => t.ReversedLater).Select(t => $$$"""
            {"tenant_id":"{{{tenant}}}","type":"ticket.reopened","timestamp":"2026-11-06T00:00:00Z","idempotency_key":"{{{t.Id}}}-reopened",
             "agent":{"id":"support-bot","version":"{{{t.Version}}}"},"properties":{"ticket_id":"{{{t.Id}}}"}}
            """).ToList();
        await SandboxCalls.SendAsync(admin, reopen);
        foreach (var t in Tickets.Where(t => t.ReversedLater))
        {
            events[t.Version] += new EventCounts(1, 0, 0);
        }

        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-06T01:00:00Z");
        var expectedCredits = charged.Count(t => t.Dispute == DisputeEnd.Credited || t.ReversedLater);
        await Eventually.HoldsAsync(async () => (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/credits", Ct)).Count == expectedCredits, Deadline, $"{expectedCredits} credits");
        // Outcome writes are group-committed after the ledger: wait for the statuses the scenario ends in.
        await Eventually.HoldsAsync(async () =>
        {
            var reversed = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/outcomes?state=reversed", Ct);
            var settled = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/outcomes?state=settled", Ct);
            return reversed.Count == Tickets.Count(t => t.ReversedLater) && settled.Count == charged.Length - reversed.Count;
        }, Deadline, "final statuses");
        return new Scenario(tenant, events, settlesAt);
    }

    private static async Task<string> SandboxAsync(HttpClient admin)
    {
        var tenant = $"qual-{Guid.NewGuid().ToString("N")[..10]}";
        (await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"name":"Quality","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""), Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/v1/outcomes/{Priced}", new StringContent(DefinitionYaml, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/v1/outcomes/{Unpriced}", new StringContent(UnpricedYaml, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        var contract = $"""
            tenant: {tenant}
            currency: USD
            billing_period:
              every: month
              anchor_day: 1
              timezone: UTC
            prices:
              {Priced}:
                unit_price: 2.00
            effective_from: 2026-01-01
            """;
        (await admin.PutAsync($"/v1/tenants/{tenant}/contract", new StringContent(contract, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        return tenant;
    }

    private enum Fate
    {
        Settled,
        Voided,
        Expired,
        Approved,
        Rejected,
    }

    private enum DisputeEnd
    {
        None,
        Open,
        Credited,
    }

    /// <summary>One outcome of the scenario; <see cref="Created"/>: a ticket.created two hours before the rest, so completion times differ.</summary>
    private sealed record Ticket(
        string Id, string Version, int Day, Fate Fate, bool Traced, bool Created = false, DisputeEnd Dispute = DisputeEnd.None,
        bool ReversedLater = false, string Definition = Priced)
    {
        public DateTimeOffset FirstEventAt => new DateTimeOffset(2026, 10, 31, 7, 0, 0, TimeSpan.Zero).AddDays(Day);

        public bool Charged => Fate is Fate.Settled or Fate.Approved;
    }

    private sealed record EventCounts(long Received, long Duplicates, long Conflicts)
    {
        public static EventCounts None { get; } = new(0, 0, 0);

        public static EventCounts operator +(EventCounts a, EventCounts b) => new(a.Received + b.Received, a.Duplicates + b.Duplicates, a.Conflicts + b.Conflicts);
    }

    private sealed record Scenario(string Tenant, Dictionary<string, EventCounts> EventsByVersion, Dictionary<string, DateTimeOffset> SettlesAt);
}
