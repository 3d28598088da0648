namespace Witn.Silo.Exports;

/// <summary>An export that cannot go ahead for a reason on our side (no key configured, settings removed): it fails for good until retried.</summary>
public sealed class ExportRefusedException(string message) : Exception(message);
