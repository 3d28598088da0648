using Witn.Abstractions.Outcomes;
using Witn.Domain.Events;

namespace Witn.Grains.Outcomes;

/// <summary>
/// Holds the events routed to one outcome, ordered by event time and deduplicated by event id: the input of the
/// lifecycle fold. Settlement, persistence and the ledger build on this grain (outcome lifecycle issue).
/// </summary>
public sealed class OutcomeGrain : Grain, IOutcomeGrain
{
    private readonly SortedDictionary<(DateTimeOffset, Guid), OutcomeEvent> _events = [];
    private readonly HashSet<Guid> _ids = [];
    private readonly List<Guid> _arrivals = [];

    public Task<bool> ApplyAsync(OutcomeEvent evt)
    {
        if (!_ids.Add(evt.EventId))
        {
            return Task.FromResult(false);
        }

        _events.Add((evt.Timestamp, evt.EventId), evt);
        _arrivals.Add(evt.EventId);
        return Task.FromResult(true);
    }

    public Task<Guid[]> GetEventIdsAsync() => Task.FromResult(_events.Values.Select(e => e.EventId).ToArray());

    public Task<Guid[]> GetArrivalsAsync() => Task.FromResult(_arrivals.ToArray());
}
