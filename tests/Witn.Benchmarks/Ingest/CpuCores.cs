namespace Witn.Benchmarks.Ingest;

/// <summary>Average cores busy over a window: the silo, its PostgreSQL, the load generator, and other work on the machine.</summary>
public readonly record struct CpuCores(double Silo, double Postgres, double LoadGenerator, double Other)
{
    public override string ToString() => $"CPU cores: silo {Silo:F2}, PostgreSQL {Postgres:F2}, load generator {LoadGenerator:F2}, other processes {Other:F2}";
}
