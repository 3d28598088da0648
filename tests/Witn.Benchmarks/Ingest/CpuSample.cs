using System.Diagnostics;

namespace Witn.Benchmarks.Ingest;

/// <summary>
/// CPU time of the silo, of its PostgreSQL, of this load generator and of the whole machine (<c>/proc/stat</c>) at
/// one instant.
/// </summary>
public readonly record struct CpuSample(TimeSpan Silo, TimeSpan Postgres, TimeSpan LoadGenerator, TimeSpan MachineBusy, long Timestamp)
{
    public static CpuSample Take(SiloUnderTest silo) =>
        new(silo.CpuTime(), ProcessTreeCpu.Postgres(silo.ClusterDirectory), Process.GetCurrentProcess().TotalProcessorTime, MachineBusyTime(), Stopwatch.GetTimestamp());

    /// <summary>Cores used on average between two samples by the silo, its PostgreSQL, the load generator, and anything else on the machine.</summary>
    public static CpuCores Cores(CpuSample from, CpuSample to)
    {
        var wall = Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds;
        var silo = (to.Silo - from.Silo).TotalSeconds / wall;
        var postgres = (to.Postgres - from.Postgres).TotalSeconds / wall;
        var load = (to.LoadGenerator - from.LoadGenerator).TotalSeconds / wall;
        var machine = (to.MachineBusy - from.MachineBusy).TotalSeconds / wall;
        return new CpuCores(silo, postgres, load, Math.Max(0, machine - silo - postgres - load));
    }

    private static TimeSpan MachineBusyTime()
    {
        if (!File.Exists("/proc/stat"))
        {
            return TimeSpan.Zero;
        }

        // cpu  user nice system idle iowait irq softirq steal ... (in USER_HZ = 1/100 s)
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long busy = 0;
        for (var i = 1; i < fields.Length && i <= 8; i++)
        {
            if (i is not 4 and not 5)
            {
                busy += long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return TimeSpan.FromSeconds(busy / 100.0);
    }
}
