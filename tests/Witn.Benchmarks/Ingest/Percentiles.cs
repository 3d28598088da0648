namespace Witn.Benchmarks.Ingest;

/// <summary>Nearest-rank percentiles of a sample (sorted in place).</summary>
public static class Percentiles
{
    public static double[] Of(double[] sample, params double[] ranks)
    {
        Array.Sort(sample);
        return [.. ranks.Select(p => sample.Length == 0 ? double.NaN : sample[Math.Clamp((int)Math.Ceiling(p / 100 * sample.Length) - 1, 0, sample.Length - 1)])];
    }
}
