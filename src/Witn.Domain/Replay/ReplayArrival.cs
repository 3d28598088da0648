using Witn.Domain.Events;

namespace Witn.Domain.Replay;

/// <summary>An event as the log took it: the event, and the moment it arrived (the live grain decided then).</summary>
public sealed record ReplayArrival(OutcomeEvent Event, ReplayClock At);
