using System.Diagnostics;

namespace Witn.Storage.Telemetry;

/// <summary>
/// The engine's meter and activity source names (what an operator subscribes to: docs/observability.md), and the
/// activity sources themselves. Sources are static, as .NET's tracing expects: a source without a listener costs
/// one check per span. Meters are created per host through <see cref="System.Diagnostics.Metrics.IMeterFactory"/>.
/// </summary>
public static class WitnTelemetry
{
    public const string Ingest = "Witn.Ingest";
    public const string Log = "Witn.Log";
    public const string Outcomes = "Witn.Outcomes";
    public const string Ledger = "Witn.Ledger";
    public const string Invoices = "Witn.Invoices";
    public const string Webhooks = "Witn.Webhooks";

    /// <summary>Every meter the engine records on.</summary>
    public static IReadOnlyList<string> Meters { get; } = [Ingest, Log, Outcomes, Ledger, Invoices, Webhooks];

    /// <summary>Every activity source the engine starts spans on.</summary>
    public static IReadOnlyList<string> Sources { get; } = [Ingest, Log, Outcomes, Ledger];

    /// <summary>Spans of ingestion: the request's validation and its append to the log.</summary>
    public static ActivitySource IngestSource { get; } = new(Ingest);

    /// <summary>Spans of the log: group-commit flushes and deliveries to tenants.</summary>
    public static ActivitySource LogSource { get; } = new(Log);

    /// <summary>Spans of routing and outcome lifecycles.</summary>
    public static ActivitySource OutcomesSource { get; } = new(Outcomes);

    /// <summary>Spans of ledger commits.</summary>
    public static ActivitySource LedgerSource { get; } = new(Ledger);
}
