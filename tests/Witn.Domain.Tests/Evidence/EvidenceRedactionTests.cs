using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Witn.Domain.Definitions;
using Witn.Domain.Evidence;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Evidence;

/// <summary>
/// The customer view of an evidence bundle: redacted values replaced and hashed, their text gone from everywhere
/// else, everything else as stored, and the stored bundle untouched.
/// </summary>
public sealed class EvidenceRedactionTests
{
    private const string Email = "ann@example.com";

    [Fact]
    public void a_redacted_property_shows_redacted_and_the_sha256_of_its_canonical_json()
    {
        var bundle = EvidenceCases.TicketBundle(WithCustomer(), EvidenceCases.TicketCommitsAt);
        var stored = EvidenceJson.Write(bundle);

        var view = EvidenceRedaction.CustomerView(bundle, [new PropertyPath("customer.email")]);

        var properties = JsonNode.Parse(view.Bundle.Events[0].PropertiesJson)!;
        Assert.Equal("redacted", properties["customer"]!["email"]!.GetValue<string>());
        Assert.Equal("Ann", properties["customer"]!["name"]!.GetValue<string>());
        var redaction = Assert.Single(view.Redactions);
        Assert.Equal(new Redaction("events[0].properties.customer.email", bundle.Events[0].EventId, "customer.email", Sha256Hex("\"" + Email + "\"")), redaction);
        Assert.DoesNotContain(Email, EvidenceJson.Write(view), StringComparison.Ordinal);
        Assert.Equal(stored, EvidenceJson.Write(bundle));
    }

    [Fact]
    public void the_customer_json_has_the_stored_layout_plus_the_view_and_its_redactions()
    {
        var bundle = EvidenceCases.TicketBundle(WithCustomer(), EvidenceCases.TicketCommitsAt);
        var view = EvidenceRedaction.CustomerView(bundle, [new PropertyPath("customer.email")]);

        var json = EvidenceJson.Write(view);

        Assert.Equal(view.Bundle, EvidenceJson.Read(json));
        using var document = JsonDocument.Parse(json);
        Assert.Equal("customer", document.RootElement.GetProperty("view").GetString());
        var item = Assert.Single(document.RootElement.GetProperty("redactions").EnumerateArray().ToList());
        Assert.Equal(view.Redactions[0].Sha256, item.GetProperty("sha256").GetString());
        Assert.Equal(bundle.Events[0].EventId.ToString("D"), item.GetProperty("event_id").GetString());
    }

    [Fact]
    public void a_redacted_value_is_also_hidden_where_summaries_and_the_correlation_quote_it()
    {
        var bundle = EvidenceCases.TicketBundle(WithCustomer(), EvidenceCases.TicketCommitsAt);
        Assert.Contains("resolution = solved", bundle.Summary, StringComparison.Ordinal);

        var view = EvidenceRedaction.CustomerView(bundle, [new PropertyPath("resolution"), new PropertyPath("ticket_id")]);

        Assert.Equal("redacted", view.Bundle.Correlation);
        Assert.Contains("ticket.closed (resolution = redacted)", view.Bundle.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("T-1042", EvidenceJson.Write(view), StringComparison.Ordinal);
        Assert.Equal(Sha256Hex("\"T-1042\""), view.At("correlation")!.Sha256);
        // The definition is the vendor's contract, not the agent's data: it is shown as written.
        Assert.Equal(bundle.DefinitionSource, view.Bundle.DefinitionSource);
    }

    [Fact]
    public void redacting_an_object_hides_all_of_it_and_hashes_the_whole_object()
    {
        var bundle = EvidenceCases.TicketBundle(WithCustomer(), EvidenceCases.TicketCommitsAt);

        var view = EvidenceRedaction.CustomerView(bundle, [new PropertyPath("customer"), new PropertyPath("customer.email")]);

        Assert.Equal("redacted", JsonNode.Parse(view.Bundle.Events[0].PropertiesJson)!["customer"]!.GetValue<string>());
        var redaction = Assert.Single(view.Redactions);
        Assert.Equal(Sha256Hex("""{"email":"ann@example.com","name":"Ann","vip":true}"""), redaction.Sha256);
    }

    [Fact]
    public void paths_that_find_nothing_leave_the_bundle_as_stored()
    {
        var bundle = EvidenceCases.TicketBundle(WithCustomer(), EvidenceCases.TicketCommitsAt);

        var view = EvidenceRedaction.CustomerView(bundle, [new PropertyPath("transcript"), new PropertyPath("customer.email.domain")]);

        Assert.Same(bundle, view.Bundle);
        Assert.Empty(view.Redactions);
    }

    [Fact]
    public void no_redacted_text_survives_the_rest_is_as_stored_and_every_hash_recomputes()
    {
        var definition = Examples.Compile(PropertyDefinition);
        Gen.Select(Gen.Int[0, 5].Array[LeafPaths.Length].Array[1, 4], Gen.Bool.Array[RedactUniverse.Length]).Sample((shapes, chosen) =>
        {
            var redact = RedactUniverse.Where((_, i) => chosen[i]).Select(p => new PropertyPath(p)).ToList();
            var secrets = new List<string>();
            var counter = 0;
            var events = shapes.Select((shape, i) => Ev.Make("e" + i, "ticket.closed", EvidenceCases.ClosedAt.AddMinutes(i),
                Properties(shape, redact, secrets, ref counter), "bot", "1")).ToArray();
            var bundle = EvidenceCases.Build(definition, PropertyDefinition, events, EvidenceCases.ClosedAt.AddDays(1));
            var stored = EvidenceJson.Write(bundle);

            var view = EvidenceRedaction.CustomerView(bundle, redact);
            var json = EvidenceJson.Write(view);

            Assert.Equal(stored, EvidenceJson.Write(bundle));
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
            }

            // Unredacted parts are identical: each event is its stored properties with only the redacted paths replaced.
            for (var i = 0; i < bundle.Events.Count; i++)
            {
                var expected = JsonNode.Parse(bundle.Events[i].PropertiesJson)!;
                foreach (var path in redact.OrderBy(p => p.Text.Length))
                {
                    Replace(expected, path.Text.Split('.'));
                }

                Assert.Equal(Witn.Domain.Ingestion.CanonicalJson.Canonicalize(expected.ToJsonString()), view.Bundle.Events[i].PropertiesJson);
            }

            for (var i = 0; i < bundle.Dimensions.Count; i++)
            {
                var d = bundle.Dimensions[i];
                var hidden = d.Value is not null && redact.Any(p => p.Text == d.Path || d.Path.StartsWith(p.Text + ".", StringComparison.Ordinal));
                Assert.Equal(hidden ? "redacted" : d.Value, view.Bundle.Dimensions[i].Value);
                if (hidden)
                {
                    Assert.Equal(Sha256Hex(Witn.Domain.Ingestion.CanonicalJson.Canonicalize(JsonSerializer.Serialize(d.Value))), view.At($"dimensions[{i}].value")!.Sha256);
                }
            }

            Assert.Equal(bundle, view.Bundle with { Events = bundle.Events, Dimensions = bundle.Dimensions });

            // Every hash recomputes from the stored bundle: SHA-256 of the value's canonical JSON text as stored.
            foreach (var r in view.Redactions.Where(r => r.EventId is not null))
            {
                var e = bundle.Events.Single(e => e.EventId == r.EventId);
                using var properties = JsonDocument.Parse(e.PropertiesJson);
                var value = r.Path.Split('.').Aggregate(properties.RootElement, (at, name) => at.GetProperty(name));
                Assert.Equal(Sha256Hex(value.GetRawText()), r.Sha256);
            }
        }, iter: 300);
    }

    private const string PropertyDefinition = """
        name: t
        correlate_by: ticket_id
        qualify:
          seen: ticket.closed
          where: { resolution: solved }
        settlement:
          window: 1h
        dimensions: [d, a.b, h]

        """;

    private static readonly string[] LeafPaths = ["a.b", "a.c", "d", "e.f.g", "h"];

    private static readonly string[] RedactUniverse = ["a", "a.b", "a.c", "d", "e.f", "e.f.g", "h", "x.y"];

    /// <summary>
    /// Properties with each leaf absent (0), a string, a number, a boolean, null or a list of strings; every text is
    /// unique, fixed-width and unlike any other text in a bundle, so a redacted one cannot survive by coincidence.
    /// </summary>
    private static JsonObject Properties(int[] shape, List<PropertyPath> redact, List<string> secrets, ref int counter)
    {
        var root = new JsonObject { ["ticket_id"] = "T-1", ["resolution"] = "solved" };
        for (var leaf = 0; leaf < LeafPaths.Length; leaf++)
        {
            if (shape[leaf] == 0)
            {
                continue;
            }

            var path = LeafPaths[leaf];
            var secret = redact.Any(p => p.Text == path || path.StartsWith(p.Text + ".", StringComparison.Ordinal));
            var n = ++counter;
            string Text(int k) => (secret ? "S" : "P") + (n * 10 + k).ToString("D5", CultureInfo.InvariantCulture) + (secret ? "S" : "P");
            JsonNode? value = shape[leaf] switch
            {
                1 => Text(0),
                2 => JsonValue.Create(decimal.Parse((secret ? "7" : "8") + n.ToString("D4", CultureInfo.InvariantCulture) + ".5", CultureInfo.InvariantCulture)),
                3 => n % 2 == 0,
                4 => null,
                _ => new JsonArray(Text(1), Text(2)),
            };
            if (secret)
            {
                secrets.AddRange(shape[leaf] switch
                {
                    1 => [Text(0)],
                    2 => ["7" + n.ToString("D4", CultureInfo.InvariantCulture) + ".5"],
                    5 => [Text(1), Text(2)],
                    _ => [],
                });
            }

            var segments = path.Split('.');
            var parent = root;
            foreach (var segment in segments[..^1])
            {
                parent = parent[segment] as JsonObject ?? (JsonObject)(parent[segment] = new JsonObject());
            }

            parent[segments[^1]] = value;
        }

        return root;
    }

    private static void Replace(JsonNode node, string[] segments)
    {
        for (var s = 0; s < segments.Length; s++)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segments[s], out var child))
            {
                return;
            }

            if (s == segments.Length - 1)
            {
                obj[segments[s]] = "redacted";
                return;
            }

            node = child!;
            if (child is null)
            {
                return;
            }
        }
    }

    private static Witn.Domain.Events.OutcomeEvent[] WithCustomer() =>
    [
        Ev.Make("closed", "ticket.closed", EvidenceCases.ClosedAt, new
        {
            ticket_id = "T-1042",
            resolution = "solved",
            customer = new { email = Email, name = "Ann", vip = true },
        }, "support-bot", "3.1"),
    ];

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
