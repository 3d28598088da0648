using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Witn.Domain.Definitions;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary><c>/v1/outcomes</c> through the real host: publish, versions, status, validate, evaluate, and garbage in.</summary>
public sealed class OutcomesApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static readonly string TicketResolved = File.ReadAllText(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"));

    [Fact]
    public async Task publishing_yaml_creates_version_1_and_identical_content_in_any_spelling_returns_it_unchanged()
    {
        using var admin = silo.Client();
        var name = Fresh("ticket");
        var yaml = Renamed(TicketResolved, name);

        using var created = await admin.PutAsync($"/v1/outcomes/{name}", Yaml(yaml));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/outcomes/{name}/versions/1", created.Headers.Location?.ToString());
        var v1 = await BodyAsync(created);
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal("yaml", v1.GetProperty("source_format").GetString());
        Assert.Equal(yaml, v1.GetProperty("source").GetString());
        Assert.Equal(["human.handoff", "ticket.closed", "ticket.reopened"], Strings(v1.GetProperty("listened_types")));
        Assert.Equal("3d", v1.GetProperty("definition").GetProperty("settlement").GetProperty("window").GetString());

        // Comments, whitespace, 72h vs 3d and JSON vs YAML are the same content: no new version.
        var respelled = "# same meaning, new spelling\n" + yaml.Replace("window: 72h", "window:   3d", StringComparison.Ordinal) + "\n\n";
        using var again = await admin.PutAsync($"/v1/outcomes/{name}", Yaml(respelled));
        using var asJson = await admin.PutAsync($"/v1/outcomes/{name}", KeysApiTests.Json(v1.GetProperty("definition").GetRawText()));

        foreach (var same in new[] { again, asJson })
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
            var body = await BodyAsync(same);
            Assert.Equal(1, body.GetProperty("version").GetInt32());
            Assert.Equal(v1.GetProperty("content_hash").GetString(), body.GetProperty("content_hash").GetString());
            Assert.Equal(yaml, body.GetProperty("source").GetString()); // the version keeps the text it was first published with
        }
    }

    [Fact]
    public async Task a_change_creates_version_2_and_every_version_stays_readable()
    {
        using var admin = silo.Client();
        var name = Fresh("ticket");
        await PublishAsync(name, Renamed(TicketResolved, name));

        using var changed = await admin.PutAsync($"/v1/outcomes/{name}", Yaml(Renamed(TicketResolved, name).Replace("grace: 10m", "grace: 15m", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Created, changed.StatusCode);
        Assert.Equal(2, (await BodyAsync(changed)).GetProperty("version").GetInt32());

        var latest = await admin.GetFromJsonAsync<JsonElement>($"/v1/outcomes/{name}");
        Assert.Equal("active", latest.GetProperty("status").GetString());
        Assert.Equal(2, latest.GetProperty("latest_version").GetInt32());
        Assert.Equal("15m", latest.GetProperty("latest").GetProperty("definition").GetProperty("settlement").GetProperty("grace").GetString());

        var first = await admin.GetFromJsonAsync<JsonElement>($"/v1/outcomes/{name}/versions/1");
        Assert.Equal("10m", first.GetProperty("definition").GetProperty("settlement").GetProperty("grace").GetString());

        var list = await PagedList.AllAsync(admin, "/v1/outcomes");
        var listed = Assert.Single(list, d => d.GetProperty("name").GetString() == name);
        Assert.Equal(2, listed.GetProperty("latest_version").GetInt32());

        using var missingVersion = await admin.GetAsync($"/v1/outcomes/{name}/versions/3");
        Assert.Equal(HttpStatusCode.NotFound, missingVersion.StatusCode);
        Assert.Equal($"the outcome definition '{name}' has no version 3; its latest version is 2", await DetailAsync(missingVersion));
        using var badVersion = await admin.GetAsync($"/v1/outcomes/{name}/versions/two");
        Assert.Equal(HttpStatusCode.BadRequest, badVersion.StatusCode);
    }

    [Fact]
    public async Task unknown_names_are_404_and_malformed_names_are_400()
    {
        using var admin = silo.Client();

        using var unknown = await admin.GetAsync("/v1/outcomes/never_published");
        using var unknownVersion = await admin.GetAsync("/v1/outcomes/never_published/versions/1");
        using var unknownStatus = await admin.PostAsync("/v1/outcomes/never_published/status", KeysApiTests.Json("""{"status":"shadow"}"""));
        using var malformed = await admin.GetAsync("/v1/outcomes/Not-A-Name");

        foreach (var r in new[] { unknown, unknownVersion, unknownStatus })
        {
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.Equal("no outcome definition is named 'never_published'; GET /v1/outcomes lists the definitions", await DetailAsync(r));
        }

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("definition names are 1-64 characters of a-z, 0-9 and '_'", (await ErrorsAsync(malformed))[0].GetProperty("hint").GetString());
    }

    [Fact]
    public async Task the_name_in_the_url_must_be_the_definitions_name()
    {
        using var response = await silo.Client().PutAsync("/v1/outcomes/other_name", Yaml(TicketResolved));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("the definition is named 'ticket_resolved' but the URL names 'other_name'", await DetailAsync(response));
        var error = Assert.Single(await ErrorsAsync(response));
        Assert.Equal("name", error.GetProperty("path").GetString());
        Assert.Equal("publish it with PUT /v1/outcomes/ticket_resolved, or change name: to 'other_name'", error.GetProperty("hint").GetString());
    }

    [Fact]
    public async Task status_moves_between_active_shadow_and_retired_and_rejects_anything_else()
    {
        using var admin = silo.Client();
        var name = Fresh("status");
        await PublishAsync(name, Renamed(TicketResolved, name));

        foreach (var status in new[] { "shadow", "retired", "active", "active" })
        {
            using var response = await admin.PostAsync($"/v1/outcomes/{name}/status", KeysApiTests.Json($$"""{"status":"{{status}}"}"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(status, (await BodyAsync(response)).GetProperty("status").GetString());
            Assert.Equal(status, (await admin.GetFromJsonAsync<JsonElement>($"/v1/outcomes/{name}")).GetProperty("status").GetString());
        }

        using var invalid = await admin.PostAsync($"/v1/outcomes/{name}/status", KeysApiTests.Json("""{"status":"paused"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("unknown status 'paused'; valid statuses are active, shadow, retired", await DetailAsync(invalid));
        Assert.Equal("status", (await ErrorsAsync(invalid))[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task an_invalid_definition_is_400_with_every_error_its_path_line_column_and_hint()
    {
        const string Broken = """
            name: broken
            correlate_by: ticket_id
            qualify:
              all:
                - seen: ticket.closed
                - count:
                    of: ticket.updated
                    at_least: -1
            settlement:
              window: 181d
            reverse_onn:
              seen: ticket.reopened
            """;

        using var response = await silo.Client().PutAsync("/v1/outcomes/broken", Yaml(Broken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await BodyAsync(response);
        Assert.Equal("https://witn.actors/problems/invalid-definition", problem.GetProperty("type").GetString());
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("path").GetString(), e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32()))
            .ToList();
        Assert.Equal([("qualify.all[1].count.at_least", 8, 19), ("settlement.window", 10, 11), ("reverse_onn", 11, 1)], errors);
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e => Assert.NotEmpty(e.GetProperty("hint").GetString()!));
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Client().GetAsync("/v1/outcomes/broken")).StatusCode);
    }

    [Fact]
    public async Task validate_reports_every_error_or_the_listened_types_and_stores_nothing()
    {
        using var reader = silo.Client(await KeyAsync("read"));

        using var invalid = await reader.PostAsync("/v1/outcomes/validate", Yaml("""
            name: checked
            correlate_by: ticket_id
            qualify:
              sequence: [ticket.opened]
            settlement:
              window: 72h
            attribution: middle
            """));
        using var valid = await reader.PostAsync("/v1/outcomes/validate", Yaml(Renamed(TicketResolved, "validated_only")));

        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var bad = await BodyAsync(invalid);
        Assert.False(bad.GetProperty("valid").GetBoolean());
        Assert.Equal(
            [("qualify.sequence", 4, 13), ("attribution", 7, 14)],
            bad.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("path").GetString(), e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32())).ToList());

        var good = await BodyAsync(valid);
        Assert.True(good.GetProperty("valid").GetBoolean());
        Assert.Empty(good.GetProperty("errors").EnumerateArray());
        Assert.Equal(["human.handoff", "ticket.closed", "ticket.reopened"], Strings(good.GetProperty("listened_types")));
        Assert.StartsWith("sha256:", good.GetProperty("content_hash").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Client().GetAsync("/v1/outcomes/validated_only")).StatusCode);
    }

    [Fact]
    public async Task evaluating_ticket_resolved_inline_qualifies_voids_on_reopen_and_settles_after_the_window_and_grace()
    {
        using var reader = silo.Client(await KeyAsync("read"));
        const string Closed = """{"type":"ticket.closed","timestamp":"2026-11-02T09:30:00Z","agent":{"id":"support-bot","version":"3.1"},"properties":{"ticket_id":"T-1","resolution":"solved"}}""";
        const string Reopened = """{"type":"ticket.reopened","timestamp":"2026-11-04T08:59:00Z","properties":{"ticket_id":"T-1"}}""";
        var definition = JsonSerializer.Serialize(TicketResolved);

        var qualified = await EvaluateAsync(reader, $$"""{"definition_yaml":{{definition}},"events":[{{Closed}}]}""");
        var voided = await EvaluateAsync(reader, $$"""{"definition_yaml":{{definition}},"events":[{{Closed}},{{Reopened}}],"now":"2026-11-10T00:00:00Z"}""");
        var inGrace = await EvaluateAsync(reader, $$"""{"definition_yaml":{{definition}},"events":[{{Closed}}],"now":"2026-11-05T09:39:59Z"}""");
        var settled = await EvaluateAsync(reader, $$"""{"definition_yaml":{{definition}},"events":[{{Closed}}],"now":"2026-11-05T09:40:00Z"}""");

        var q = Single(qualified);
        Assert.Equal("qualified", q.GetProperty("status").GetString());
        Assert.Equal("2026-11-02T09:30:00+00:00", q.GetProperty("qualified_at").GetString());
        Assert.Equal("2026-11-05T09:30:00+00:00", q.GetProperty("settles_at").GetString());
        Assert.Equal("2026-11-05T09:40:00+00:00", q.GetProperty("commits_at").GetString());
        Assert.Equal("support-bot", q.GetProperty("attributed_agent").GetProperty("id").GetString());
        Assert.True(q.GetProperty("explanation").GetProperty("qualify").GetProperty("held").GetBoolean());
        Assert.Equal("2026-11-02T09:30:00+00:00", qualified.GetProperty("now").GetString()); // default: the latest event
        Assert.Null(qualified.GetProperty("version").GetString());

        var v = Single(voided);
        Assert.Equal("voided", v.GetProperty("status").GetString());
        var reopenedId = voided.GetProperty("events")[1].GetProperty("event_id").GetString();
        Assert.Contains(reopenedId, Strings(v.GetProperty("voided_by")));
        Assert.Equal("qualified", Single(inGrace).GetProperty("status").GetString());
        Assert.Equal("settled", Single(settled).GetProperty("status").GetString());
    }

    [Fact]
    public async Task evaluating_by_name_uses_the_latest_or_the_asked_version_and_routes_each_correlation_value_to_its_own_outcome()
    {
        using var admin = silo.Client();
        var name = Fresh("by_name");
        await PublishAsync(name, Renamed(TicketResolved, name));
        await PublishAsync(name, Renamed(TicketResolved, name).Replace("window: 72h", "window: 1h", StringComparison.Ordinal));
        const string Events = """
            [
              {"type":"ticket.closed","timestamp":"2026-11-02T09:30:00Z","properties":{"ticket_id":"T-1","resolution":"solved"},"idempotency_key":"a"},
              {"type":"ticket.closed","timestamp":"2026-11-02T09:30:00Z","properties":{"ticket_id":"T-1","resolution":"solved"},"idempotency_key":"a"},
              {"type":"ticket.closed","timestamp":"2026-11-02T09:31:00Z","properties":{"ticket_id":"T-2","resolution":"solved"}},
              {"type":"ticket.closed","timestamp":"2026-11-02T09:32:00Z","properties":{"resolution":"solved"}},
              {"type":"chat.message","timestamp":"2026-11-02T12:00:00Z","properties":{"ticket_id":"T-1"}}
            ]
            """;

        var latest = await EvaluateAsync(admin, $$"""{"name":"{{name}}","events":{{Events}}}""");
        var first = await EvaluateAsync(admin, $$"""{"name":"{{name}}","version":1,"events":{{Events}}}""");

        Assert.Equal(2, latest.GetProperty("version").GetInt32());
        Assert.Equal(["T-1", "T-2"], latest.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("correlation_value").GetString()).ToList());
        Assert.All(latest.GetProperty("outcomes").EnumerateArray(), o => Assert.Equal("settled", o.GetProperty("state").GetProperty("status").GetString()));
        Assert.Equal(1, latest.GetProperty("outcomes")[0].GetProperty("state").GetProperty("event_count").GetInt32());
        Assert.Equal(
            ["T-1", "duplicate", "T-2", "no_correlation_value", "not_listened"],
            latest.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("correlation_value").GetString() ?? e.GetProperty("skipped").GetString()).ToList());
        Assert.Equal("events[2]", latest.GetProperty("events")[2].GetProperty("idempotency_key").GetString());

        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.All(first.GetProperty("outcomes").EnumerateArray(), o => Assert.Equal("qualified", o.GetProperty("state").GetProperty("status").GetString()));

        using var unknown = await admin.PostAsync("/v1/outcomes/evaluate", KeysApiTests.Json($$"""{"name":"{{name}}","version":9,"events":[]}"""));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith($"the outcome definition '{name}' has no version 9; its latest version is 2", await DetailAsync(unknown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task every_example_definition_publishes_through_the_api()
    {
        using var admin = silo.Client();
        foreach (var file in ExampleFiles.All("outcomes"))
        {
            var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            var expected = OutcomeDefinition.Parse(text, DefinitionFormat.Yaml).Definition!;

            using var response = await admin.PutAsync($"/v1/outcomes/{expected.Name}", Yaml(text));

            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(expected.ContentHash(), (await BodyAsync(response)).GetProperty("content_hash").GetString());
        }
    }

    [Fact]
    public async Task writes_need_the_admin_scope_and_reads_need_read()
    {
        using var reader = silo.Client(await KeyAsync("read"));
        using var ingest = silo.Client(await KeyAsync("ingest"));

        using var put = await reader.PutAsync("/v1/outcomes/ticket_resolved", Yaml(TicketResolved));
        using var status = await reader.PostAsync("/v1/outcomes/ticket_resolved/status", KeysApiTests.Json("""{"status":"retired"}"""));
        using var list = await reader.GetAsync("/v1/outcomes");
        using var ingestList = await ingest.GetAsync("/v1/outcomes");

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal("this key lacks the 'admin' scope; ask an admin for a key with it (POST /v1/keys)", await DetailAsync(put));
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ingestList.StatusCode);
    }

    public static TheoryData<string, string, string, string> Garbage()
    {
        var deepYaml = new string('[', 50_000) + new string(']', 50_000);
        var deepJson = new string('[', 50_000) + new string(']', 50_000);
        var deepMap = string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "a:\n"));
        return new()
        {
            { "PUT", "/v1/outcomes/garbage", "application/yaml", "" },
            { "PUT", "/v1/outcomes/garbage", "application/json", "" },
            { "PUT", "/v1/outcomes/garbage", "text/plain", "name: garbage" },
            { "PUT", "/v1/outcomes/garbage", "", "name: garbage" },
            { "PUT", "/v1/outcomes/garbage", "application/yaml", "name: [unclosed\n  qualify: {" },
            { "PUT", "/v1/outcomes/garbage", "application/yaml", "a: &a [*a]\nb: *b\n" },
            { "PUT", "/v1/outcomes/garbage", "application/yaml", deepYaml },
            { "PUT", "/v1/outcomes/garbage", "application/yaml", deepMap },
            { "PUT", "/v1/outcomes/garbage", "application/json", deepJson },
            { "PUT", "/v1/outcomes/garbage", "application/json", "{\"name\": \"garbage\", " },
            { "PUT", "/v1/outcomes/garbage", "application/json", "[1, 2, 3]" },
            { "POST", "/v1/outcomes/validate", "application/yaml", "\t\u0000\u0001binary" },
            { "POST", "/v1/outcomes/validate", "application/x-www-form-urlencoded", "a=b" },
            { "POST", "/v1/outcomes/garbage/status", "application/json", "" },
            { "POST", "/v1/outcomes/garbage/status", "application/json", "{\"status\": 1}" },
            { "POST", "/v1/outcomes/garbage/status", "application/yaml", "status: shadow" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "null" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{}" },
            { "POST", "/v1/outcomes/evaluate", "application/yaml", "name: x" },
            { "POST", "/v1/outcomes/evaluate", "application/json", deepJson },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{\"name\":\"ticket_resolved\",\"events\":[{}]}" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{\"name\":\"ticket_resolved\",\"events\":[null, {\"type\":\"\",\"timestamp\":\"yesterday\"}]}" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{\"name\":\"ticket_resolved\",\"events\":[{\"type\":\"a\",\"timestamp\":\"2026-11-02T09:30:00\"}]}" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{\"name\":\"ticket_resolved\",\"events\":[{\"type\":\"a\",\"timestamp\":1730540000}]}" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{\"name\":\"ticket_resolved\",\"events\":[{\"type\":\"a\",\"timestamp\":\"2026-13-45T99:00:00Z\",\"event_id\":\"nope\",\"properties\":[1]}]}" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{\"name\":\"ticket_resolved\",\"events\":[{\"type\":\"a\",\"timestamp\":\"2026-11-02T09:30:00Z\",\"agent\":{}}],\"now\":\"soon\"}" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{\"name\":\"ticket_resolved\",\"definition_yaml\":\"x\",\"events\":[]}" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{\"definition\":\"name: x\",\"events\":[]}" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{\"definition_yaml\":\"name: [\",\"events\":[]}" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{\"definition\":{\"name\":\"x\"},\"events\":[]}" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{\"name\":\"NOPE\",\"version\":0}" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{\"name\":\"ticket_resolved\",\"events\":[],\"reviews\":[{\"verdict\":\"maybe\"}]}" },
            { "POST", "/v1/outcomes/evaluate", "application/json", "{\"name\":\"ticket_resolved\",\"events\":[],\"colour\":\"blue\"}" },
        };
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task garbage_is_a_400_problem_never_a_500(string method, string path, string contentType, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType.Length > 0)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await silo.Client().SendAsync(request, TestContext.Current.CancellationToken);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (path.EndsWith("/validate", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.OK)
        {
            Assert.False(JsonDocument.Parse(text).RootElement.GetProperty("valid").GetBoolean(), text);
            return;
        }

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateArray());
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("hint").GetString()), text));
    }

    [Fact]
    public async Task evaluate_reports_every_bad_event_field_at_once()
    {
        using var response = await silo.Client().PostAsync("/v1/outcomes/evaluate", KeysApiTests.Json("""
            {"name":"ticket_resolved","events":[
              {"timestamp":"2026-11-02T09:30:00Z"},
              {"type":"ticket.closed","timestamp":"2026-11-02 09:30"},
              {"type":"ticket.closed","timestamp":"2026-11-02T09:30:00Z","event_id":"123","properties":"T-1"},
              {"type":"Ticket Closed","timestamp":"2026-11-02T09:30:00Z"}
            ]}
            """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["events[0].type", "events[1].timestamp", "events[2].properties", "events[2].event_id", "events[3].type"],
            (await ErrorsAsync(response)).Select(e => e.GetProperty("path").GetString()).ToList());
    }

    [Fact]
    public async Task the_openapi_document_describes_the_outcome_routes()
    {
        var document = JsonDocument.Parse(await silo.Anonymous().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/v1/outcomes", "/v1/outcomes/{name}", "/v1/outcomes/{name}/versions/{version}", "/v1/outcomes/{name}/status", "/v1/outcomes/validate", "/v1/outcomes/evaluate" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        var evaluate = paths.GetProperty("/v1/outcomes/evaluate").GetProperty("post");
        Assert.Equal("Outcomes", evaluate.GetProperty("tags")[0].GetString());
        Assert.True(evaluate.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(paths.GetProperty("/v1/outcomes/{name}").GetProperty("put").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/yaml", out _));
    }

    [Fact]
    public async Task the_evaluate_example_in_the_docs_gives_the_documented_answer()
    {
        var docs = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoRoot, "docs", "api.md"), TestContext.Current.CancellationToken);

        var answer = await EvaluateAsync(silo.Client(), Block(docs, "evaluate-request"));

        AssertContains(JsonDocument.Parse(Block(docs, "evaluate-response")).RootElement, answer, "$");
    }

    /// <summary>The fenced block right after <c>&lt;!-- marker --&gt;</c>.</summary>
    private static string Block(string markdown, string marker)
    {
        var start = markdown.IndexOf($"<!-- {marker} -->", StringComparison.Ordinal);
        Assert.True(start >= 0, $"marker {marker} not found");
        var open = markdown.IndexOf("```json\n", start, StringComparison.Ordinal) + "```json\n".Length;
        return markdown[open..markdown.IndexOf("```", open, StringComparison.Ordinal)];
    }

    /// <summary>Every property the docs show is in the answer with the same value (the docs may leave properties out).</summary>
    private static void AssertContains(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: expected {expected.ValueKind}, found {actual.ValueKind} ({actual})");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in expected.EnumerateObject())
                {
                    Assert.True(actual.TryGetProperty(p.Name, out var value), $"{path}.{p.Name} is missing");
                    AssertContains(p.Value, value, $"{path}.{p.Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: expected {expected.GetArrayLength()} items, found {actual}");
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    AssertContains(expected[i], actual[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(expected.GetRawText() == actual.GetRawText(), $"{path}: expected {expected.GetRawText()}, found {actual.GetRawText()}");
                break;
        }
    }

    internal static StringContent Yaml(string yaml) => new(yaml, Encoding.UTF8, "application/yaml");

    internal static string Renamed(string yaml, string name) =>
        yaml.Replace("name: ticket_resolved", $"name: {name}", StringComparison.Ordinal);

    private static string Fresh(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private async Task PublishAsync(string name, string yaml)
    {
        using var response = await silo.Client().PutAsync($"/v1/outcomes/{name}", Yaml(yaml));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> EvaluateAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/v1/outcomes/evaluate", KeysApiTests.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static JsonElement Single(JsonElement evaluation) =>
        Assert.Single(evaluation.GetProperty("outcomes").EnumerateArray()).GetProperty("state");

    private async Task<string> KeyAsync(string scope)
    {
        using var response = await silo.Client().PostAsJsonAsync("/v1/keys", new { name = $"{scope} key", scopes = new[] { scope } });
        return (await BodyAsync(response)).GetProperty("key").GetString()!;
    }

    private static List<string?> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString())];

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<string?> DetailAsync(HttpResponseMessage response) => (await BodyAsync(response)).GetProperty("detail").GetString();

    private static async Task<List<JsonElement>> ErrorsAsync(HttpResponseMessage response) =>
        [.. (await BodyAsync(response)).GetProperty("errors").EnumerateArray()];
}
