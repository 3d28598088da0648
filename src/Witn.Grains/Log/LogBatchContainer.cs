using Orleans.Streams;
using Orleans.Providers.Streams.Common;
using Witn.Domain.Events;

namespace Witn.Grains.Log;

/// <summary>
/// A run of consecutive log rows of one tenant. Each event carries its own position as its sequence token; as a
/// <see cref="LogEvent"/> item it also carries it inside, which is what tenant grains skip redeliveries by.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.log.batch")]
public sealed class LogBatchContainer : IBatchContainer
{
    public LogBatchContainer(StreamId streamId, OutcomeEvent[] events, long[] positions)
    {
        StreamId = streamId;
        Events = events;
        Positions = positions;
    }

    [Id(0)]
    public StreamId StreamId { get; }

    [Id(1)]
    public OutcomeEvent[] Events { get; }

    [Id(2)]
    public long[] Positions { get; }

    public long LastPosition => Positions[^1];

    public StreamSequenceToken SequenceToken => new EventSequenceTokenV2(Positions[0]);

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        for (var i = 0; i < Events.Length; i++)
        {
            var token = (StreamSequenceToken)new EventSequenceTokenV2(Positions[i]);
            if (typeof(T) == typeof(LogEvent))
            {
                yield return Tuple.Create((T)(object)new LogEvent(Positions[i], Events[i]), token);
            }
            else if (Events[i] is T item)
            {
                yield return Tuple.Create(item, token);
            }
        }
    }

    public bool ImportRequestContext() => false;
}
