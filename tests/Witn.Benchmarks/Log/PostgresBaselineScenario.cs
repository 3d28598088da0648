namespace Witn.Benchmarks.Log;

/// <summary>What PostgreSQL itself sustains here: raw 500-row INSERTs into a copy of the events table.</summary>
public sealed class PostgresBaselineScenario : IScenario
{
    public const int Rows = 300_000;

    public string Name => "postgres-baseline";

    public string Description => "embedded PostgreSQL: raw 500-row INSERTs into a copy of the events table, rows/s (1 and 8 connections)";

    public IReadOnlyList<BenchmarkResult> Run(TextWriter log) => RunAsync(log).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(TextWriter log)
    {
        await using var db = await BenchmarkDatabase.StartAsync(log);
        var records = EventWorkload.Calls(Rows / 100, 100, seed: 1).SelectMany(c => c).ToArray();
        var results = new List<BenchmarkResult>();
        foreach (var clients in new[] { 1, 8 })
        {
            results.Add(new($"raw 500-row INSERT, {clients} connection(s), {Rows:N0} rows", await MeasureAsync(db, records, clients, log), "rows/s"));
        }

        return results;
    }

    /// <summary>Warm-up on 20,000 rows, then the measured run into a fresh table.</summary>
    public static async Task<double> MeasureAsync(BenchmarkDatabase db, Witn.Storage.Log.LogRecord[] records, int clients, TextWriter log)
    {
        await BaselineInserts.ResetAsync(db);
        await BaselineInserts.RunAsync(db, records[..20_000], clients);
        await BaselineInserts.ResetAsync(db);
        await db.ExecuteAsync("CHECKPOINT");
        var rate = await BaselineInserts.RunAsync(db, records, clients);
        log.WriteLine($"baseline, {clients} connection(s): {rate:N0} rows/s");
        return rate;
    }
}
