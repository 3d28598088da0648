namespace Witn.Domain.Exports;

/// <summary>
/// One line of a finalized invoice as an exporter hands it on: its place, what it is, its quantity, its exact amount
/// in minor units, how many ledger rows it covers and where their evidence is listed.
/// </summary>
public sealed record ExportLine(int Line, string Kind, string Description, string? Outcome, decimal Quantity, long AmountMinor, int Rows, string? EvidenceHref);
