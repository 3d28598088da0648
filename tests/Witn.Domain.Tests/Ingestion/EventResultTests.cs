using System.Text.Json;
using Witn.Domain.Ingestion;

namespace Witn.Domain.Tests.Ingestion;

public sealed class EventResultTests
{
    private static readonly Guid Id = new("54ca7b7d-ade7-519e-a1d3-be8dc39385e2");

    [Fact]
    public void results_serialize_in_snake_case_without_empty_fields()
    {
        Assert.Equal("""{"status":"accepted","event_id":"54ca7b7d-ade7-519e-a1d3-be8dc39385e2"}""", JsonSerializer.Serialize(EventResult.Accepted(Id)));
        Assert.Equal("""{"status":"duplicate","event_id":"54ca7b7d-ade7-519e-a1d3-be8dc39385e2"}""", JsonSerializer.Serialize(EventResult.Duplicate(Id)));
        Assert.Equal(
            """{"status":"rejected","code":"missing_field","field":"type","reason":"required field \u0027type\u0027 is missing"}""",
            JsonSerializer.Serialize(EventResult.Rejected(EventRejections.MissingField("type"))));
    }

    [Fact]
    public void a_conflict_keeps_the_original_id_and_says_why() =>
        Assert.Equal(
            new EventResult(EventResultStatus.Conflict, Id, "idempotency_conflict", "idempotency_key",
                $"idempotency_key 'k' was already used for an event with different content (event {Id:D}); the original is kept: use a new key for a different event"),
            EventResult.Conflict(Id, EventRejections.IdempotencyConflict("idempotency_key", "k", Id)));
}
