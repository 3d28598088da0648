using System.Threading.Channels;

namespace Witn.Storage.Batching;

/// <summary>
/// Group commit for many small callers: each <see cref="RunAsync"/> enqueues one item and completes when the flush
/// that carried it has finished (so a write's caller returns only once its own row is durable). Up to
/// <c>concurrency</c> flushes run at once; while they run, new items pile up and ride in the next flush together,
/// so batches grow with load without any timer (an idle committer flushes a lone item at once).
/// When a flush fails, its items are flushed again one by one, so only the callers whose own item fails see the
/// error (a bad row does not take the rest of its batch down), unless the failure is transient (the database is
/// unreachable), which fails the whole batch at once; callers retry as they see fit.
/// </summary>
/// <typeparam name="TItem">What a caller hands in.</typeparam>
/// <typeparam name="TResult">What each caller gets back (the flush returns one per item, in order).</typeparam>
public sealed class GroupCommitter<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> _flush;
    private readonly int _maxBatch;
    private readonly Task[] _workers;
    private readonly CancellationTokenSource _stopping = new();

    public GroupCommitter(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> flush, int concurrency = 2, int maxBatch = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _flush = flush;
        _maxBatch = maxBatch;
        _workers = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync))];
    }

    public Task<TResult> RunAsync(TItem item)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitter<TItem, TResult>), "the store is shutting down");
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
        _stopping.Dispose();
    }

    private async Task WorkAsync()
    {
        // Workers outlive the call that created them: their flushes are not part of that caller's trace.
        System.Diagnostics.Activity.Current = null;
        var batch = new List<Pending>(_maxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var results = await _flush([.. batch.Select(p => p.Item)], _stopping.Token);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception ex) when (batch.Count > 1 && !IsTransient(ex))
            {
                // One bad item must not fail the others it happened to ride with: each goes again on its own.
                // (A transient failure, the database being away, fails them all at once: they retry later.)
                foreach (var p in batch)
                {
                    try
                    {
                        p.Completion.TrySetResult((await _flush([p.Item], _stopping.Token))[0]);
                    }
                    catch (Exception single)
                    {
                        p.Completion.TrySetException(single);
                    }
                }
            }
            catch (Exception ex)
            {
                foreach (var p in batch)
                {
                    p.Completion.TrySetException(ex);
                }
            }
        }
    }

    private static bool IsTransient(Exception ex) =>
        ex is TimeoutException or OperationCanceledException or System.Data.Common.DbException { IsTransient: true }
        || (ex.InnerException is { } inner && IsTransient(inner));

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Completion);
}
