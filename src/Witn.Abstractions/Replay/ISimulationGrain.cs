namespace Witn.Abstractions.Replay;

/// <summary>
/// One simulation (key: its id): created with its validated request, then run in the background: plans the
/// partitions, runs them across the cluster, rates the results and stores them. The simulation's row is the
/// state; this grain drives it and answers for it.
/// </summary>
[Alias("witn.replay.simulation-grain")]
public interface ISimulationGrain : IGrainWithGuidKey
{
    /// <summary>Stores the simulation (request JSON as validated by the API) and starts it; a second call answers the first.</summary>
    [Alias("create")]
    Task<SimulationInfo> CreateAsync(string requestJson, string? name);

    [Alias("get")]
    Task<SimulationInfo?> GetAsync();

    /// <summary>Cancels it while queued or running; answers it as it is afterwards (null: no such simulation).</summary>
    [Alias("cancel")]
    Task<SimulationInfo?> CancelAsync();

    [Alias("results")]
    Task<SimulationResultInfo[]> ResultsAsync();

    /// <summary>A page of flipped outcomes (or parity mismatches) in (tenant, definition, correlation) order after the one named.</summary>
    [Alias("outcomes")]
    Task<SimulationOutcomeInfo[]> OutcomesAsync(bool mismatches, int limit, string? afterTenant, string? afterDefinition, string? afterCorrelation);
}
