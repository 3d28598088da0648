using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Witn.Benchmarks.Ingest;

/// <summary>
/// Sleeps until a <see cref="Stopwatch"/> timestamp without spinning. <c>Thread.Sleep(1)</c> rounds every wait up to
/// whole milliseconds (plus the kernel's 50 µs timer slack), so an open-loop sender using it fires up to ~1.1 ms
/// late; on Linux, where <see cref="Stopwatch"/> reads <c>CLOCK_MONOTONIC</c> in nanoseconds, an absolute
/// <c>clock_nanosleep</c> on that clock with the calling thread's timer slack at 1 ns wakes within the scheduler's
/// latency instead. Elsewhere it falls back to <c>Thread.Sleep(1)</c> steps.
/// </summary>
internal static partial class PreciseSleep
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private const int PrSetTimerSlack = 29;

    private static readonly bool Supported = OperatingSystem.IsLinux() && Stopwatch.Frequency == 1_000_000_000;

    /// <summary>Call once on the sleeping thread: the timer slack is per thread.</summary>
    public static void TightenTimerSlack()
    {
        if (Supported)
        {
            _ = Prctl(PrSetTimerSlack, 1, 0, 0, 0);
        }
    }

    public static void Until(long timestamp)
    {
        if (!Supported)
        {
            while (Stopwatch.GetTimestamp() < timestamp)
            {
                Thread.Sleep(1);
            }

            return;
        }

        var due = new TimeSpec(timestamp / 1_000_000_000, timestamp % 1_000_000_000);
        while (Stopwatch.GetTimestamp() < timestamp)
        {
            // EINTR (a signal) returns early; the loop sleeps again for what is left.
            _ = ClockNanosleep(ClockMonotonic, TimerAbsoluteTime, in due, IntPtr.Zero);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct TimeSpec(long Seconds, long Nanoseconds);

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clock, int flags, in TimeSpec request, IntPtr remain);

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
