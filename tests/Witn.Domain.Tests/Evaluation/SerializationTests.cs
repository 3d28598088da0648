using System.Text.Json;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Evaluation;

/// <summary>The grain and API layers persist these records as JSON; they must come back equal.</summary>
public sealed class SerializationTests
{
    [Fact]
    public void events_round_trip_through_json_and_through_their_properties_text()
    {
        var e = Ev.Make("k", "meeting.booked", Ev.T0, new { meeting_id = "M-1", lead = new { score = 80, segment = "smb" } }, "sdr-bot", "2.0");

        var back = JsonSerializer.Deserialize<OutcomeEvent>(JsonSerializer.Serialize(e));
        var rebuilt = OutcomeEvent.Create(e.EventId, e.TenantId, e.Type, e.Timestamp, e.PropertiesJson, e.IdempotencyKey, e.Agent);

        Assert.Equal(e, back);
        Assert.Equal(e, rebuilt);
        Assert.NotEqual(e, e with { Properties = OutcomeEvent.ParseProperties("""{"meeting_id":"M-2"}""") });
    }

    [Fact]
    public void outcome_state_with_its_explanation_round_trips_through_json()
    {
        var events = new[]
        {
            Ev.Make("closed", "ticket.closed", Ev.T0, new { ticket_id = "T-1", resolution = "solved" }, "support-bot"),
            Ev.Make("reopened", "ticket.reopened", Ev.T0.AddHours(1), new { ticket_id = "T-1" }),
        };
        var state = OutcomeEvaluator.Evaluate(Examples.Compiled("ticket_resolved"), events, Ev.T0.AddHours(2));

        var json = JsonSerializer.Serialize(state);
        var back = JsonSerializer.Deserialize<OutcomeState>(json);

        Assert.Equal(state, back);
        Assert.Equal(json, JsonSerializer.Serialize(back));
    }

    [Fact]
    public void properties_must_be_a_json_object() =>
        Assert.Throws<ArgumentException>(() => OutcomeEvent.ParseProperties("[1, 2]"));
}
