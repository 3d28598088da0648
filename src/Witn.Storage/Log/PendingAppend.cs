namespace Witn.Storage.Log;

/// <summary>One caller's records waiting for a flush; completed (asynchronously, off the flush loop) when they are committed.</summary>
internal sealed class PendingAppend(IReadOnlyList<LogRecord> records)
{
    private readonly TaskCompletionSource<AppendResult[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<LogRecord> Records { get; } = records;

    public AppendResult[] Results { get; } = new AppendResult[records.Count];

    public Task<AppendResult[]> Task => _done.Task;

    public void Complete() => _done.TrySetResult(Results);

    public void Fail(Exception error) => _done.TrySetException(error);
}
