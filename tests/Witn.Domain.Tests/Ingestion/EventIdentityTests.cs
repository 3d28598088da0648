using System.Text;
using Witn.Domain.Events;
using Witn.Domain.Ingestion;
using static Witn.Domain.Tests.Ingestion.Envelopes;

namespace Witn.Domain.Tests.Ingestion;

/// <summary>Expected values were computed independently with Python's uuid and hashlib.</summary>
public sealed class EventIdentityTests
{
    private static readonly Guid DnsNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    private static ValidatedEvent Validated(string body) => EventValidator.Validate(Single(body), Acme).Event!;

    [Theory]
    [InlineData("www.example.com", "2ed6657d-e927-568b-95e1-2665a8aea6a2")] // RFC 9562 appendix A.4
    [InlineData("python.org", "886313e1-3b8a-5372-9b90-0c9aee199e5d")] // Python's uuid documentation
    public void uuid5_matches_the_known_vectors(string name, string expected)
    {
        Assert.Equal(new Guid(expected), Uuid5.Create(DnsNamespace, Encoding.UTF8.GetBytes(name)));
        Assert.Equal(new Guid(expected), Uuid5.Create(DnsNamespace, name.AsSpan()));
        Assert.Equal(new Guid(expected), EventIds.V5(DnsNamespace, name));
    }

    [Fact]
    public void a_long_name_gives_the_same_uuid_as_the_events_helper()
    {
        var name = new string('é', 5000);

        Assert.Equal(EventIds.V5(EventIds.Root, name), Uuid5.Create(EventIds.Root, name.AsSpan()));
    }

    [Fact]
    public void the_id_of_a_keyed_event_is_the_shared_event_id_of_tenant_and_key()
    {
        Assert.Equal(new Guid("54ca7b7d-ade7-519e-a1d3-be8dc39385e2"), Validated(Event).EventId);
        Assert.Equal(EventIds.FromIdempotencyKey("acme", "ticket-T-1042-closed"), EventIdentity.FromIdempotencyKey("acme", "ticket-T-1042-closed"));
    }

    [Fact]
    public void the_natural_key_root_is_fixed() =>
        Assert.Equal(new Guid("efc1ad51-35dc-5f6f-ae18-d79c57bafae9"), EventIdentity.NaturalKeyRoot);

    [Fact]
    public void an_event_without_a_key_gets_its_id_from_the_natural_key()
    {
        var e = Validated(With("idempotency_key", null));

        Assert.True(e.IdFromNaturalKey);
        Assert.Equal(new Guid("ec09409a-0ea8-5eae-83bb-9c24a87311b7"), e.EventId);
        Assert.Equal(
            EventIdentity.FromNaturalKey("acme", "ticket.closed", Now, """{"resolution":"solved","ticket_id":"T-1042"}"""), e.EventId);
    }

    [Fact]
    public void the_content_hash_is_sha256_of_the_canonical_content_document()
    {
        var e = Validated(Event);

        Assert.Equal(
            """{"agent":{"id":"support-bot","version":"3.1.0"},"properties":{"resolution":"solved","ticket_id":"T-1042"},"timestamp":"2026-11-24T10:00:00.000000Z","type":"ticket.closed"}""",
            EventIdentity.ContentJson(e.Type, e.Timestamp, new AgentRef("support-bot", "3.1.0"), e.PropertiesJson));
        Assert.Equal("d8692f7a5b5ecae2d8454860d89aef1c35b29ed73e45e0a29ce6889a19f2cfa1", e.ContentHashHex);
    }

    [Fact]
    public void a_retry_with_reordered_properties_other_whitespace_an_offset_and_a_new_trace_is_the_same_event()
    {
        var retry = """
            {
              "properties": { "resolution" : "solved", "ticket_id" : "T-1042" },
              "trace": {"trace_id": "0af7651916cd43dd8448eb211c80319c"},
              "timestamp": "2026-11-24T11:00:00.0000001+01:00",
              "agent": {"version": "3.1.0", "id": "support-bot"},
              "idempotency_key": "ticket-T-1042-closed", "type": "ticket.closed", "tenant_id": "acme"
            }
            """;

        var a = Validated(Event);
        var b = Validated(retry);

        Assert.Equal(a.EventId, b.EventId);
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.Equal(a.PropertiesJson, b.PropertiesJson);
        Assert.NotEqual(a.TraceId, b.TraceId);
    }

    [Fact]
    public void the_same_key_with_other_content_keeps_the_id_and_changes_the_hash()
    {
        var a = Validated(Event);
        var b = Validated(Event.Replace("\"solved\"", "\"unsolved\"", StringComparison.Ordinal));
        var c = Validated(Event.Replace("\"3.1.0\"", "\"3.2.0\"", StringComparison.Ordinal));

        Assert.Equal(a.EventId, b.EventId);
        Assert.NotEqual(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, c.ContentHash);
    }

    [Fact]
    public void the_same_key_in_another_tenant_is_another_event() =>
        Assert.NotEqual(EventIdentity.FromIdempotencyKey("acme", "k"), EventIdentity.FromIdempotencyKey("globex", "k"));

    [Fact]
    public void keyed_and_natural_ids_never_coincide_even_when_the_key_spells_the_natural_name()
    {
        var naturalName = "ticket.closed\n2026-11-24T10:00:00.000000Z\n{}";

        Assert.NotEqual(
            EventIdentity.FromIdempotencyKey("acme", naturalName),
            EventIdentity.FromNaturalKey("acme", "ticket.closed", Now, "{}"));
    }

    [Fact]
    public void natural_ids_differ_by_type_timestamp_and_properties()
    {
        var ids = new[]
        {
            EventIdentity.FromNaturalKey("acme", "a", Now, "{}"),
            EventIdentity.FromNaturalKey("acme", "b", Now, "{}"),
            EventIdentity.FromNaturalKey("acme", "a", Now.AddTicks(10), "{}"),
            EventIdentity.FromNaturalKey("acme", "a", Now, """{"x":1}"""),
            EventIdentity.FromNaturalKey("globex", "a", Now, "{}"),
        };

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void sub_microsecond_differences_are_the_same_instant() =>
        Assert.Equal(
            EventIdentity.FromNaturalKey("acme", "a", Now, "{}"),
            EventIdentity.FromNaturalKey("acme", "a", Now.AddTicks(9), "{}"));

    [Fact]
    public void the_validated_event_carries_what_the_log_stores()
    {
        var e = Validated(Event);

        Assert.Equal(
            new ValidatedEvent(
                new Guid("54ca7b7d-ade7-519e-a1d3-be8dc39385e2"), "acme", "ticket.closed", Now, "ticket-T-1042-closed", "support-bot", "3.1.0",
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "00f067aa0ba902b8",
                """{"resolution":"solved","ticket_id":"T-1042"}""", e.ContentHash),
            e);
        Assert.Equal(32, e.ContentHash.Count);
    }
}
