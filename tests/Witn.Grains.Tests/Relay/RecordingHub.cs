using System.Collections.Concurrent;
using Witn.Grains.Log;

namespace Witn.Grains.Tests.Relay;

/// <summary>
/// Stands in for Event Hubs behind the relay's target provider: records every published batch per tenant, and can
/// hold a tenant's publishes (a hanging send) until released.
/// </summary>
public sealed class RecordingHub
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _attempted = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Tenant, LogEvent[] Events)> Published { get; } = new();

    /// <summary>Publishes for <paramref name="tenant"/> hang until <see cref="Release"/>.</summary>
    public void Hold(string tenant) => _gates[tenant] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string tenant)
    {
        if (_gates.TryRemove(tenant, out var gate))
        {
            gate.SetResult();
        }
    }

    /// <summary>Completes when a publish for the tenant has been attempted.</summary>
    public Task AttemptedAsync(string tenant) => Attempt(tenant).Task;

    public IReadOnlyList<LogEvent> EventsOf(string tenant) =>
        [.. Published.Where(p => p.Tenant == tenant).SelectMany(p => p.Events)];

    public async Task PublishAsync(string tenant, LogEvent[] events)
    {
        Attempt(tenant).TrySetResult();
        if (_gates.TryGetValue(tenant, out var gate))
        {
            await gate.Task;
        }

        Published.Enqueue((tenant, events));
    }

    private TaskCompletionSource Attempt(string tenant) =>
        _attempted.GetOrAdd(tenant, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
