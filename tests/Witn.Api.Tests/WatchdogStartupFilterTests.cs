using Microsoft.Extensions.Logging;
using Witn.Silo.Health;

namespace Witn.Api.Tests;

/// <summary>Orleans' watchdog may report, once at startup, a "stall" as long as the machine's uptime; only that entry is dropped.</summary>
public sealed class WatchdogStartupFilterTests
{
    // The message as Orleans 10 logs it (category Orleans.Runtime.Watchdog).
    private static readonly Action<ILogger, TimeSpan, Exception?> ParticipantCheckStalled = LoggerMessage.Define<TimeSpan>(
        LogLevel.Warning, new EventId(100), "Participant check thread has not completed for {TimeSinceLastTick}, potentially indicating lock contention or deadlock, CPU starvation, or another execution anomaly.");

    private static readonly Action<ILogger, TimeSpan, Exception?> HeartbeatStalled = LoggerMessage.Define<TimeSpan>(
        LogLevel.Warning, new EventId(101), "Silo heartbeat timer stalled for {TimeSinceLastTick}");

    [Fact]
    public void a_stall_longer_than_the_process_has_lived_is_dropped_and_a_real_one_is_kept()
    {
        var captured = new CapturedLogs();
        using var filter = new WatchdogStartupFilter(captured);
        var watchdog = filter.CreateLogger(WatchdogStartupFilter.Category);

        ParticipantCheckStalled(watchdog, TimeSpan.FromDays(3650), null);
        ParticipantCheckStalled(watchdog, TimeSpan.FromMilliseconds(1), null);

        var kept = Assert.Single(captured.Entries);
        Assert.Contains("00:00:00.001", kept.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void other_categories_and_messages_pass_unchanged()
    {
        var captured = new CapturedLogs();
        using var filter = new WatchdogStartupFilter(captured);

        ParticipantCheckStalled(filter.CreateLogger("Orleans.Runtime.Other"), TimeSpan.FromDays(3650), null);
        HeartbeatStalled(filter.CreateLogger(WatchdogStartupFilter.Category), TimeSpan.FromDays(3650), null);

        Assert.Equal(2, captured.Entries.Count);
    }
}
