namespace Witn.Storage.Simulations;

/// <summary>
/// One outcome a simulation lists: a flip (<see cref="Before"/> and <see cref="After"/> are the two sides'
/// explanations) or a parity mismatch (<see cref="Before"/> is the replay, <see cref="After"/> the ledger). JSON text.
/// </summary>
public sealed record SimulationOutcomeRow(string TenantId, string Definition, string Correlation, string Before, string After, IReadOnlyList<Guid> EventIds);
