namespace Witn.Silo.Exports;

/// <summary>A credit export's route as recorded in its progress once decided (<c>credit_note</c>, <c>next_invoice</c>) and why.</summary>
public sealed record CreditDecision(string? Method, string? Why);
