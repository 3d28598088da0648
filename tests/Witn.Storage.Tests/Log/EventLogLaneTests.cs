using Witn.Storage.Log;

namespace Witn.Storage.Tests.Log;

/// <summary>When a log lane waits for company before its next flush (docs/decisions.md, "Group commit waits only under bulk traffic").</summary>
public sealed class EventLogLaneTests
{
    private static readonly EventLogOptions Defaults = new();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2000)]
    [InlineData(2, 2)]
    [InlineData(5, 199)]
    public void single_callers_and_small_flushes_never_wait(int callers, int records) =>
        Assert.False(EventLogLane.LingersAfter(callers, records, Defaults));

    [Theory]
    [InlineData(2, 200)]
    [InlineData(16, 1600)]
    public void a_flush_of_several_callers_and_bulk_records_waits(int callers, int records) =>
        Assert.True(EventLogLane.LingersAfter(callers, records, Defaults));

    [Fact]
    public void a_zero_flush_interval_never_waits() =>
        Assert.False(EventLogLane.LingersAfter(16, 1600, new EventLogOptions { FlushInterval = TimeSpan.Zero }));

    [Fact]
    public void the_bulk_threshold_is_an_option() =>
        Assert.True(EventLogLane.LingersAfter(2, 2, new EventLogOptions { LingerAfterRecords = 2 }));
}
