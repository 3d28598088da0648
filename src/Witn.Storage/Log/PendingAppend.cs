namespace Witn.Storage.Log;

/// <summary>
/// One caller's records, split into one slice per flush lane; completed (asynchronously, off the flush loops) when
/// every slice is committed, or failed with the first slice's error.
/// </summary>
internal sealed class PendingAppend(IReadOnlyList<LogRecord> records, int slices, System.Diagnostics.ActivityContext caller = default)
{
    private readonly TaskCompletionSource<AppendResult[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = slices;

    public IReadOnlyList<LogRecord> Records { get; } = records;

    /// <summary>The caller's span when it appended (default when untraced): the flush that carries it links to it.</summary>
    public System.Diagnostics.ActivityContext Caller { get; } = caller;

    public AppendResult[] Results { get; } = new AppendResult[records.Count];

    public Task<AppendResult[]> Task => _done.Task;

    public void SliceDone()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult(Results);
        }
    }

    public void Fail(Exception error) => _done.TrySetException(error);
}
