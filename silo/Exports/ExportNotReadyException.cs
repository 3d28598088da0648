namespace Witn.Silo.Exports;

/// <summary>An export that must wait for another one first (an invoice for the credits on it, a credit for its charge's invoice): retried like a transient failure.</summary>
public sealed class ExportNotReadyException(string message) : Exception(message);
