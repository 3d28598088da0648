using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Witn.Storage.Notifications;

namespace Witn.Grains.Notifications;

/// <summary>
/// Keeps a silo's cached copy of something in PostgreSQL current: follows its change channel, reloads what is
/// notified, reloads everything after every (re)connect and every <c>refreshEvery</c>, and reconnects after a
/// second when the connection fails.
/// </summary>
public abstract partial class ChangeFollower(ChangeListener listener, TimeProvider time, ILogger logger, string channel, TimeSpan refreshEvery)
    : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    protected abstract Task ReloadAllAsync(CancellationToken cancellationToken);

    protected abstract Task ReloadAsync(string name, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await listener.ListenAsync(channel, ReloadAllAsync, ReloadAsync, refreshEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                ListenerFailed(logger, e, channel, ReconnectDelay.TotalSeconds);
                try
                {
                    await Task.Delay(ReconnectDelay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listener on {Channel} failed; reconnecting in {Seconds} s")]
    private static partial void ListenerFailed(ILogger logger, Exception exception, string channel, double seconds);
}
