namespace Witn.Benchmarks;

/// <summary>A named benchmark; later issues add their own (ingest, ledger, ...) to <see cref="Scenarios"/>.</summary>
public interface IScenario
{
    string Name { get; }

    string Description { get; }

    IReadOnlyList<BenchmarkResult> Run(TextWriter log);
}
