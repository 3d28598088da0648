namespace Witn.Api.Simulations;

/// <summary>Where a simulation's results are.</summary>
public sealed record SimulationLinksResponse(string Self, string Results, string Flips, string Mismatches, string Report);
