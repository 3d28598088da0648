namespace Witn.Benchmarks;

/// <summary>
/// Options given on the command line after the scenario name: <c>--size N</c> scales the scenarios that take a size
/// (outcomes, tickets), <c>--quick</c> runs them at a tenth of their default size. Other scenarios ignore both.
/// </summary>
public static class RunOptions
{
    /// <summary>The size given with <c>--size</c>, if any.</summary>
    public static int? Size { get; set; }

    public static bool Quick { get; set; }

    /// <summary>Flags every silo a scenario starts gets too (<see cref="TelemetryOverhead"/> sets <c>--telemetry off</c>).</summary>
    public static IReadOnlyList<string> SiloArguments { get; set; } = [];

    /// <summary><paramref name="full"/>, or the given size, or a tenth of it with <c>--quick</c>.</summary>
    public static int SizeOr(int full) => Size ?? (Quick ? Math.Max(1, full / 10) : full);
}
