using System.Diagnostics;

namespace Witn.Benchmarks;

/// <summary>Measurement helpers for the scenarios that report what one core does (evaluator, envelope).</summary>
public static class SingleCore
{
    public const int Rounds = 7;

    /// <summary>Median throughput over the rounds (after a warm-up) and the allocation of the median round.</summary>
    public static (double EventsPerSecond, double BytesPerEvent) Time(Func<long> run, int events)
    {
        run();
        var samples = new List<(double Rate, double Bytes)>();
        for (var i = 0; i < Rounds; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(run());
            watch.Stop();
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            samples.Add((events / watch.Elapsed.TotalSeconds, (double)bytes / events));
        }

        return samples.OrderBy(s => s.Rate).ElementAt(samples.Count / 2);
    }

    public static void Pin(TextWriter log)
    {
        try
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            {
                Process.GetCurrentProcess().ProcessorAffinity = 1;
                log.WriteLine("pinned to one core (affinity 0x1)");
            }
        }
        catch (Exception e) when (e is PlatformNotSupportedException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            log.WriteLine("could not pin to one core: " + e.Message);
        }
    }
}
