using Witn.Domain.Ingestion;

namespace Witn.Client.Events;

/// <summary>
/// Sends events; implemented over HTTP (<see cref="WitnHttpClient"/>) and over the Orleans gateway
/// (<see cref="WitnClusterClient"/>), which give the same results for the same events.
/// </summary>
public interface IWitnEventSender
{
    /// <summary>
    /// Sends the events in requests of at most <see cref="EventEnvelope.MaxEventsPerRequest"/>; returns one result
    /// per event in order: accepted, duplicate, conflict or rejected. A request the server cannot read at all
    /// throws <see cref="WitnApiException"/>.
    /// </summary>
    Task<IReadOnlyList<EventResult>> SendAsync(IEnumerable<WitnEvent> events, CancellationToken cancellationToken = default);
}
