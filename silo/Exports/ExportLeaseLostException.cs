namespace Witn.Silo.Exports;

/// <summary>This exporter's lease on an export ran out mid-way: another attempt owns it now, and this one stops without recording anything.</summary>
public sealed class ExportLeaseLostException() : Exception("the export's lease ran out: another attempt owns it now");
