using Witn.Storage.Log;

namespace Witn.Storage.Tests.Log;

public sealed class LogPartitionsTests
{
    // Golden values: FNV-1a (32-bit) of the UTF-8 bytes, modulo the count. Changing them re-partitions every
    // existing database, so these must never change.
    [Theory]
    [InlineData("acme", 8, 7)]
    [InlineData("acme", 16, 15)]
    [InlineData("globex", 8, 6)]
    [InlineData("initech", 8, 1)]
    [InlineData("tenant-42", 8, 2)]
    [InlineData("", 8, 5)]
    [InlineData("zürich-ä", 8, 0)]
    [InlineData("zürich-ä", 16, 8)]
    [InlineData("acme", 1, 0)]
    public void the_partition_of_a_tenant_is_the_same_in_every_process_and_run(string tenant, int count, int expected) =>
        Assert.Equal(expected, LogPartitions.Of(tenant, count));

    [Fact]
    public void tenants_spread_over_all_partitions()
    {
        var counts = new int[8];
        for (var i = 0; i < 8000; i++)
        {
            counts[LogPartitions.Of($"tenant-{i}", 8)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }

    [Fact]
    public void a_long_tenant_id_is_hashed_like_a_short_one()
    {
        var tenant = new string('x', 2000);
        Assert.Equal(LogPartitions.Of(tenant, 8), LogPartitions.Of(new string('x', 2000), 8));
        Assert.InRange(LogPartitions.Of(tenant, 8), 0, 7);
    }
}
