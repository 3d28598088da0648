using Microsoft.Extensions.Hosting;
using Witn.Storage.Log;

namespace Witn.Grains.Ingestion;

/// <summary>
/// Checks the log's partition count against the database before the first request (fail fast), and on shutdown
/// lets the writer finish the flush in progress so every caller still gets its answer.
/// </summary>
public sealed class EventLogLifetime(EventLogWriter writer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => writer.InitializeAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await writer.DisposeAsync();
}
