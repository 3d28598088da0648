using Witn.Domain.Events;

namespace Witn.Domain.Evaluation.Engine;

/// <summary>An applied event with its type id and UTC ticks; entries are kept in event order.</summary>
internal readonly record struct Entry(OutcomeEvent Event, int TypeId, long Ticks) : IComparable<Entry>
{
    /// <summary>Event order: timestamp, then event id (Guid order equals the order of its canonical text).</summary>
    public int CompareTo(Entry other)
    {
        var c = Ticks.CompareTo(other.Ticks);
        return c != 0 ? c : Event.EventId.CompareTo(other.Event.EventId);
    }
}
