namespace Witn.Api.Simulations;

/// <summary>How far a simulation is: events read of the total, outcomes replayed, and the percent.</summary>
public sealed record SimulationProgressResponse(long EventsRead, long EventsTotal, long Outcomes, int Percent);
