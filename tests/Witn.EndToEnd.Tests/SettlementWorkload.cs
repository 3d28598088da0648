using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Testing;

namespace Witn.EndToEnd.Tests;

/// <summary>
/// A sandbox tenant of its own with <c>ticket_resolved</c> and the acme contract (2.00 USD a ticket), N tickets due
/// at one clock advance, and what the ledger must hold afterwards, computed by the pure domain fold over the very
/// events sent, whatever order they are sent in.
/// </summary>
public sealed class SettlementWorkload
{
    public const string Definition = "ticket_resolved";

    /// <summary>The tenant's clock when the events are sent.</summary>
    public static readonly DateTimeOffset ClockStart = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Past every window and grace of every ticket.</summary>
    public static readonly DateTimeOffset AdvanceTo = ClockStart.AddHours(30);

    private readonly List<OutcomeEvent> _events = [];

    /// <param name="prefix">The start of the tenant id (a unique suffix follows).</param>
    /// <param name="solved">Tickets solved and left alone: the window closes at the clock start + 24 h, the grace 10 min later.</param>
    /// <param name="reopened">Tickets reopened a day into their window: voided, never charged.</param>
    /// <param name="reopenedInGrace">Tickets whose window closed two minutes before the clock start, reopened a minute after it (within the grace).</param>
    public SettlementWorkload(string prefix, int solved, int reopened, int reopenedInGrace)
    {
        Tenant = $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
        var kinds = Enumerable.Repeat(0, solved).Concat(Enumerable.Repeat(1, reopened)).Concat(Enumerable.Repeat(2, reopenedInGrace))
            .OrderBy(k => Random.Shared.Next()).ToList();
        Tickets = kinds.Count;
        for (var i = 0; i < kinds.Count; i++)
        {
            var ticket = $"T-{i:D5}";
            switch (kinds[i])
            {
                case 1:
                    Add(ticket, "ticket.created", ClockStart.AddHours(-50), "created");
                    Add(ticket, "ticket.closed", ClockStart.AddHours(-48), "closed", solved: true);
                    Add(ticket, "ticket.reopened", ClockStart.AddHours(-24), "reopened");
                    break;
                case 2:
                    Add(ticket, "ticket.created", ClockStart.AddHours(-75), "created");
                    Add(ticket, "ticket.closed", ClockStart.AddHours(-72).AddMinutes(-2), "closed", solved: true);
                    Add(ticket, "ticket.reopened", ClockStart.AddMinutes(1), "reopened");
                    break;
                default:
                    Add(ticket, "ticket.created", ClockStart.AddHours(-50), "created");
                    Add(ticket, "ticket.closed", ClockStart.AddHours(-48), "closed", solved: true);
                    break;
            }
        }

        var yaml = File.ReadAllText(Path.Combine(ExampleFiles.RepoFolder("outcomes"), $"{Definition}.yaml"));
        var parsed = OutcomeDefinition.Parse(yaml, DefinitionFormat.Yaml);
        var definition = CompiledDefinition.Compile(parsed.Definition ?? throw new InvalidOperationException($"{Definition}.yaml does not parse"));
        Expected = _events.GroupBy(e => e.Properties.GetProperty("ticket_id").GetString()!)
            .ToDictionary(g => g.Key, g => OutcomeEvaluator.Evaluate(definition, g, AdvanceTo).Status, StringComparer.Ordinal);
    }

    public string Tenant { get; }

    public int Tickets { get; }

    /// <summary>The reference: each ticket's status at <see cref="AdvanceTo"/> by the domain fold.</summary>
    public IReadOnlyDictionary<string, OutcomeStatus> Expected { get; }

    /// <summary>Settled and reversed outcomes were charged once; reversed ones were also credited once.</summary>
    public IReadOnlySet<string> ExpectedCharges => Expected.Where(e => e.Value is OutcomeStatus.Settled or OutcomeStatus.Reversed).Select(e => e.Key).ToHashSet();

    public IReadOnlySet<string> ExpectedCredits => Expected.Where(e => e.Value is OutcomeStatus.Reversed).Select(e => e.Key).ToHashSet();

    /// <summary>Tenant, definition, contract, then every event (acked, none refused).</summary>
    public async Task SetUpAsync(HttpClient admin)
    {
        await SendAsync(admin, HttpMethod.Put, $"/v1/tenants/{Tenant}",
            Json($$"""{"name":"Settlement faults","sandbox":true,"clock_start":"{{ClockStart:yyyy-MM-ddTHH:mm:ssZ}}"}"""));
        var definition = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), $"{Definition}.yaml"));
        await SendAsync(admin, HttpMethod.Put, $"/v1/outcomes/{Definition}", new StringContent(definition, Encoding.UTF8, "application/yaml"));
        var contract = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("contracts"), "acme.yaml"));
        var own = string.Join('\n', contract.Split('\n').Select(l => l.StartsWith("tenant:", StringComparison.Ordinal) ? $"tenant: {Tenant}" : l));
        await SendAsync(admin, HttpMethod.Put, $"/v1/tenants/{Tenant}/contract", new StringContent(own, Encoding.UTF8, "application/yaml"));

        foreach (var chunk in _events.Chunk(1000))
        {
            var events = new JsonArray([.. chunk.Select(e => (JsonNode)new JsonObject
            {
                ["tenant_id"] = Tenant,
                ["type"] = e.Type,
                ["timestamp"] = e.Timestamp.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["idempotency_key"] = e.IdempotencyKey,
                ["properties"] = JsonNode.Parse(e.PropertiesJson),
            })]);
            using var response = await admin.PostAsync("/v1/events", Json(new JsonObject { ["events"] = events }.ToJsonString()));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /v1/events: {(int)response.StatusCode} {text}");
            var statuses = JsonDocument.Parse(text).RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
            Assert.True(statuses.All(s => s is "accepted" or "duplicate"), $"events refused: {text}");
        }
    }

    /// <summary>One advance to <see cref="AdvanceTo"/>: true on 200, false on a 5xx or no answer (the caller retries).</summary>
    public async Task<bool> TryAdvanceAsync(HttpClient client)
    {
        try
        {
            using var response = await client.PostAsync($"/v1/tenants/{Tenant}/clock/advance", Json($$"""{"to":"{{AdvanceTo:yyyy-MM-ddTHH:mm:ssZ}}"}"""));
            if (response.IsSuccessStatusCode)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"advance: {await response.Content.ReadAsStringAsync()}");
                return true;
            }

            Assert.True((int)response.StatusCode >= 500, $"advance: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Retries the advance until one succeeds or the deadline passes.</summary>
    public Task AdvanceUntilDoneAsync(HttpClient client, TimeSpan deadline) =>
        Eventually.HoldsAsync(() => TryAdvanceAsync(client), deadline, $"a successful clock advance of tenant {Tenant}");

    /// <summary>A client for advances: one advance may settle a thousand outcomes.</summary>
    public static HttpClient AdvanceClient(SiloProcess silo, string adminKey)
    {
        var client = new HttpClient { BaseAddress = silo.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
        return client;
    }

    /// <summary>Charges of this tenant in the database right now.</summary>
    public async Task<long> ChargeCountAsync(string connectionString) =>
        await ScalarAsync(connectionString, "SELECT count(*) FROM charges WHERE tenant_id = $1");

    /// <summary>Outcomes of this tenant whose stored state records a charge.</summary>
    public async Task<long> RecordedChargeCountAsync(string connectionString) =>
        await ScalarAsync(connectionString, "SELECT count(*) FROM outcomes WHERE tenant_id = $1 AND charge_id IS NOT NULL");

    /// <summary>
    /// The ledger equals the reference exactly, read from PostgreSQL directly and through the API: one charge of
    /// 2.00 USD per settled or reversed ticket and none other, one credit per reversed ticket and none other, one
    /// outbox row per ledger row, every outcome in its reference state recording the charge and credit it has.
    /// </summary>
    public async Task AssertLedgerAsync(string connectionString, HttpClient client)
    {
        var expectedCharges = ExpectedCharges.Order(StringComparer.Ordinal).ToList();
        var expectedCredits = ExpectedCredits.Order(StringComparer.Ordinal).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"reference for {Tickets} tickets: {string.Join(", ", Expected.GroupBy(e => e.Value).Select(g => $"{g.Count()} {OutcomeStatuses.ToName(g.Key)}"))}; {expectedCharges.Count} charges, {expectedCredits.Count} credits");

        // PostgreSQL, directly.
        var charges = await RowsAsync(connectionString, "SELECT correlation, outcome, amount_minor, currency, id FROM charges WHERE tenant_id = $1");
        AssertSame("charges in PostgreSQL", expectedCharges, charges.Select(c => (string)c[0]));
        Assert.All(charges, c => Assert.Equal((Definition, 200L, "USD"), ((string)c[1], (long)c[2], (string)c[3])));
        var credits = await RowsAsync(connectionString, """
            SELECT ch.correlation, cr.amount_minor FROM credits cr JOIN charges ch ON ch.id = cr.charge_id WHERE cr.tenant_id = $1
            """);
        AssertSame("credits in PostgreSQL", expectedCredits, credits.Select(c => (string)c[0]));
        Assert.All(credits, c => Assert.Equal(200L, (long)c[1]));
        Assert.Equal(charges.Count, await ScalarAsync(connectionString, "SELECT count(DISTINCT ref) FROM ledger_outbox WHERE tenant_id = $1 AND kind = 'charge'"));
        Assert.Equal(charges.Count, await ScalarAsync(connectionString, "SELECT count(*) FROM ledger_outbox WHERE tenant_id = $1 AND kind = 'charge'"));
        Assert.Equal(credits.Count, await ScalarAsync(connectionString, "SELECT count(*) FROM ledger_outbox WHERE tenant_id = $1 AND kind = 'credit'"));

        // The API.
        var apiCharges = await PagedList.AllAsync(path => GetAsync(client, path), $"/v1/tenants/{Tenant}/charges");
        AssertSame("charges via the API", expectedCharges, apiCharges.Select(c => c.GetProperty("correlation").GetString()!));
        Assert.All(apiCharges, c => Assert.Equal("2.00", c.GetProperty("amount").GetString()));
        var chargeIds = apiCharges.ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("correlation").GetString()!);
        var apiCredits = await PagedList.AllAsync(path => GetAsync(client, path), $"/v1/tenants/{Tenant}/credits");
        AssertSame("credits via the API", expectedCredits, apiCredits.Select(c => chargeIds[c.GetProperty("charge_id").GetString()!]));

        // Every outcome in the reference state, recording exactly the ledger rows it has.
        var outcomes = await PagedList.AllAsync(path => GetAsync(client, path), $"/v1/tenants/{Tenant}/outcomes");

        var actual = outcomes.Select(o => (o.GetProperty("correlation").GetString()!, o.GetProperty("status").GetString()!)).Order().ToList();
        Assert.Equal(Expected.Select(e => (e.Key, OutcomeStatuses.ToName(e.Value))).Order().ToList(), actual);
        var byCorrelation = chargeIds.ToDictionary(c => c.Value, c => c.Key, StringComparer.Ordinal);
        Assert.All(outcomes, o =>
        {
            var correlation = o.GetProperty("correlation").GetString()!;
            var chargeId = o.TryGetProperty("charge_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            Assert.Equal(byCorrelation.GetValueOrDefault(correlation), chargeId);
            var hasCredit = o.TryGetProperty("credit_id", out var cr) && cr.ValueKind == JsonValueKind.String;
            Assert.Equal(ExpectedCredits.Contains(correlation), hasCredit);
        });

        // Nothing is left due at the advanced clock.
        Assert.Equal(0L, await ScalarAsync(connectionString, $"SELECT count(*) FROM outcomes WHERE tenant_id = $1 AND next_due_at <= '{AdvanceTo:yyyy-MM-ddTHH:mm:ssZ}'::timestamptz"));
    }

    /// <summary>Each expected ticket exactly once and nothing else, or a message naming what is missing, doubled or unexpected.</summary>
    private static void AssertSame(string what, IReadOnlyCollection<string> expected, IEnumerable<string> actual)
    {
        var counts = actual.GroupBy(a => a, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var missing = expected.Where(e => !counts.ContainsKey(e)).ToList();
        var doubled = counts.Where(c => c.Value > 1).Select(c => $"{c.Key} x{c.Value}").ToList();
        var unexpected = counts.Keys.Except(expected, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && doubled.Count == 0 && unexpected.Count == 0,
            $"{what}: expected {expected.Count}, found {counts.Values.Sum()}; missing {missing.Count} [{Few(missing)}], doubled {doubled.Count} [{Few(doubled)}], unexpected {unexpected.Count} [{Few(unexpected)}]");
    }

    private static string Few(IEnumerable<string> items) => string.Join(", ", items.Order(StringComparer.Ordinal).Take(10));

    private void Add(string ticket, string type, DateTimeOffset at, string what, bool solved = false)
    {
        var key = $"{ticket}-{what}";
        var properties = solved ? $$"""{"ticket_id":"{{ticket}}","resolution":"solved"}""" : $$"""{"ticket_id":"{{ticket}}"}""";
        var id = new Guid(MD5.HashData(Encoding.UTF8.GetBytes(key)));
        _events.Add(OutcomeEvent.Create(id, Tenant, type, at, properties, key));
    }

    private async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue(Tenant);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<List<object[]>> RowsAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue(Tenant);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    // Right after a silo dies, a request may be answered 503 (retry) until the cluster has declared it dead.
    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        var text = await Eventually.ReturnsAsync(async () =>
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return null;
            }

            Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
            return body;
        }, TimeSpan.FromSeconds(60), $"GET {path} answered without 503");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task SendAsync(HttpClient client, HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
