namespace Witn.Storage.Outcomes;

/// <summary>The outcome store's group commit (<c>Witn:OutcomeStore</c>); the host checks it at startup (OutcomeStoreOptionsValidator).</summary>
public sealed class OutcomeStoreOptions
{
    public const string Section = "Witn:OutcomeStore";

    /// <summary>How many group-committed writes (and, separately, reads) run at once; each is one statement.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>The most outcomes one statement carries.</summary>
    public int MaxBatchSize { get; set; } = 1000;
}
