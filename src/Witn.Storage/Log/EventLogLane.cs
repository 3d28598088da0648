using System.Diagnostics;
using System.Threading.Channels;

namespace Witn.Storage.Log;

/// <summary>
/// One group-commit queue of a writer, owning a fixed set of partitions: its flushes run one at a time, while the
/// writer's other lanes flush their own partitions in parallel (each flush locks only its partitions' rows).
/// </summary>
internal sealed class EventLogLane
{
    private readonly Channel<PendingSlice> _queue = Channel.CreateUnbounded<PendingSlice>(new UnboundedChannelOptions { SingleReader = true });
    private readonly EventLogOptions _options;
    private readonly Func<List<PendingSlice>, Task> _flush;
    private PendingSlice? _carry;
    private int _queuedRecords;
    private TaskCompletionSource _batchFull = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public EventLogLane(EventLogOptions options, Func<List<PendingSlice>, Task> flush)
    {
        _options = options;
        _flush = flush;
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Completes when the lane has flushed everything queued before <see cref="Complete"/>.</summary>
    public Task Completion { get; }

    public bool TryEnqueue(PendingSlice slice)
    {
        if (!_queue.Writer.TryWrite(slice))
        {
            return false;
        }

        if (Interlocked.Add(ref _queuedRecords, slice.Count) >= _options.MaxBatchSize)
        {
            Volatile.Read(ref _batchFull).TrySetResult();
        }

        return true;
    }

    public void Complete() => _queue.Writer.TryComplete();

    private async Task RunAsync()
    {
        // The lane outlives the call that created it: its flushes are not part of that caller's trace.
        Activity.Current = null;
        var reader = _queue.Reader;
        var busy = false;
        while (true)
        {
            var idleSince = Stopwatch.GetTimestamp();
            if (_carry is null && !await reader.WaitToReadAsync())
            {
                return;
            }

            // Lingering only pays under bulk traffic, where a flush takes long enough that a millisecond more gathers
            // a much bigger batch; at a low rate it would wait for nobody, or for exactly one more caller. A lane that
            // sat idle longer than the wait is no longer under bulk traffic.
            if (busy && Stopwatch.GetElapsedTime(idleSince) < _options.FlushInterval)
            {
                await LingerAsync();
            }

            busy = false;
            while (TakeBatch(reader) is { Count: > 0 } batch)
            {
                var records = 0;
                foreach (var slice in batch)
                {
                    records += slice.Count;
                }

                busy |= LingersAfter(batch.Count, records, _options);
                await _flush(batch);
            }
        }
    }

    /// <summary>Whether a flush of <paramref name="callers"/> calls and <paramref name="records"/> records is bulk traffic worth waiting for more of.</summary>
    internal static bool LingersAfter(int callers, int records, EventLogOptions options) =>
        options.FlushInterval > TimeSpan.Zero && callers > 1 && records >= options.LingerAfterRecords;

    // An idle lane waits a moment so that concurrent callers share the transaction; a full batch cuts it short.
    // Arrivals during a flush go in the next one without waiting: they have waited for the flush already.
    private async Task LingerAsync()
    {
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _batchFull, full);
        if (Volatile.Read(ref _queuedRecords) >= _options.MaxBatchSize)
        {
            return;
        }

        using var cancel = new CancellationTokenSource();
        var delay = Task.Delay(_options.FlushInterval, TimeProvider.System, cancel.Token);
        if (await Task.WhenAny(delay, full.Task) != delay)
        {
            await cancel.CancelAsync();
        }
    }

    // Whole slices up to MaxBatchSize records; a single larger slice goes alone.
    private List<PendingSlice> TakeBatch(ChannelReader<PendingSlice> reader)
    {
        var batch = new List<PendingSlice>();
        var records = 0;
        if (_carry is not null)
        {
            batch.Add(_carry);
            records = _carry.Count;
            _carry = null;
        }

        while (records < _options.MaxBatchSize && reader.TryRead(out var next))
        {
            Interlocked.Add(ref _queuedRecords, -next.Count);
            if (records > 0 && records + next.Count > _options.MaxBatchSize)
            {
                _carry = next;
                break;
            }

            batch.Add(next);
            records += next.Count;
        }

        return batch;
    }
}
