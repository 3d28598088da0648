using Witn.Benchmarks.Envelope;
using Witn.Benchmarks.Evaluator;
using Witn.Benchmarks.Ingest;
using Witn.Benchmarks.Log;
using Witn.Benchmarks.Outcomes;
using Witn.Benchmarks.Quality;
using Witn.Benchmarks.Replay;

namespace Witn.Benchmarks;

public static class Scenarios
{
    public static IReadOnlyList<IScenario> All { get; } = [new EvaluatorScenario(), new EnvelopeScenario(), new PostgresBaselineScenario(), new LogAppendScenario(), new TelemetryOverhead(new IngestScenario()), new IngestLatencyScenario(),
        new TelemetryOverhead(new EndToEndScenario()), new SettlementBurstScenario(), new OutcomesResidentScenario(), new InvoicePreviewScenario(), new QualityScenario(), new ReplayScenario()];
}
