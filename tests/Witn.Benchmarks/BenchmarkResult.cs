namespace Witn.Benchmarks;

/// <summary>One measured number, e.g. ("ticket_resolved apply", 1234567.8, "events/s").</summary>
public sealed record BenchmarkResult(string Name, double Value, string Unit);
