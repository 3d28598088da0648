using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Witn.Benchmarks.Outcomes;

/// <summary>
/// Times sampled tickets from the HTTP ack of their closing event until their outcome row in PostgreSQL shows
/// <c>qualified</c> (the state is durable then): one indexed query every <see cref="Poll"/> for every ticket still
/// waiting, so a measured lag is late by at most one poll plus the query.
/// </summary>
public sealed class LagSampler : IAsyncDisposable
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    private readonly NpgsqlDataSource _db;
    private readonly string _definition;
    private readonly ConcurrentQueue<(string Tenant, string Ticket, long Acked)> _added = new();
    private readonly List<double> _lags = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _waiting;

    public LagSampler(NpgsqlDataSource db, string definition)
    {
        _db = db;
        _definition = definition;
        _loop = Task.Run(LoopAsync);
    }

    public void Add(string tenant, string ticket, long ackedTimestamp) => _added.Enqueue((tenant, ticket, ackedTimestamp));

    /// <summary>Waits (up to <paramref name="timeout"/>) for every sample to be seen, then returns the lags in ms and how many never showed.</summary>
    public async Task<(double[] LagsMs, int Missing)> FinishAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while ((!_added.IsEmpty || Volatile.Read(ref _waiting) > 0) && deadline.Elapsed < timeout)
        {
            await Task.Delay(50);
        }

        await _stop.CancelAsync();
        await _loop;
        lock (_lags)
        {
            return ([.. _lags], Volatile.Read(ref _waiting) + _added.Count);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var waiting = new Dictionary<(string, string), long>();
        while (!_stop.IsCancellationRequested)
        {
            while (_added.TryDequeue(out var s))
            {
                waiting[(s.Tenant, s.Ticket)] = s.Acked;
            }

            Volatile.Write(ref _waiting, waiting.Count);
            if (waiting.Count > 0)
            {
                try
                {
                    await using var cmd = _db.CreateCommand("""
                        SELECT o.tenant_id, o.correlation FROM outcomes o
                        JOIN unnest($1::text[], $2::text[]) AS k(t, c) ON o.tenant_id = k.t AND o.definition = $3 AND o.correlation = k.c
                        WHERE o.status = 'qualified'
                        """);
                    cmd.Parameters.AddWithValue(waiting.Keys.Select(k => k.Item1).ToArray());
                    cmd.Parameters.AddWithValue(waiting.Keys.Select(k => k.Item2).ToArray());
                    cmd.Parameters.AddWithValue(_definition);
                    await using var r = await cmd.ExecuteReaderAsync(_stop.Token);
                    var seen = Stopwatch.GetTimestamp();
                    while (await r.ReadAsync(_stop.Token))
                    {
                        var key = (r.GetString(0), r.GetString(1));
                        if (waiting.Remove(key, out var acked))
                        {
                            lock (_lags)
                            {
                                _lags.Add(Stopwatch.GetElapsedTime(acked, seen).TotalMilliseconds);
                            }
                        }
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    break;
                }

                Volatile.Write(ref _waiting, waiting.Count);
            }

            try
            {
                await Task.Delay(Poll, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
