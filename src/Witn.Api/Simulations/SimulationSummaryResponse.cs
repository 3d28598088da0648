namespace Witn.Api.Simulations;

/// <summary>What a finished simulation read: events, outcomes, flipped outcomes, and the partitions it ran as.</summary>
public sealed record SimulationSummaryResponse(long EventsRead, long Outcomes, long Flips, int Partitions);
