namespace Witn.Storage.Log;

/// <summary>The records of one call that belong to one flush lane: their indexes in the call and their partitions.</summary>
internal sealed class PendingSlice(PendingAppend call, int[] indexes, int[] partitions)
{
    public PendingAppend Call { get; } = call;

    public int[] Indexes { get; } = indexes;

    public int[] Partitions { get; } = partitions;

    public int Count => Indexes.Length;
}
