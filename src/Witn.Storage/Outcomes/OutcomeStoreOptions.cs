namespace Witn.Storage.Outcomes;

public sealed record OutcomeStoreOptions
{
    /// <summary>How many group-committed writes (and, separately, reads) run at once; each is one statement.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>The most outcomes one statement carries.</summary>
    public int MaxBatchSize { get; init; } = 1000;
}
