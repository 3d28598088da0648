using Witn.Domain.Events;

namespace Witn.Grains.Log;

/// <summary>
/// What a tenant's stream carries: an event and its position in the durable log. The position travels inside the
/// item, not in the stream's sequence token, so tenant grains skip redeliveries the same way whichever provider
/// delivers the stream (the PostgreSQL log's token is the position; Event Hubs' token is its own offset).
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.log.event")]
public sealed record LogEvent([property: Id(0)] long Position, [property: Id(1)] OutcomeEvent Event);
