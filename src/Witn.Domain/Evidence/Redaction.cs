namespace Witn.Domain.Evidence;

/// <summary>
/// One value the customer view hides: <see cref="At"/> is where it was in the bundle's JSON
/// (<c>events[2].properties.customer.email</c>, <c>dimensions[0].value</c>, <c>correlation</c>), <see cref="EventId"/>
/// the event it was in (null outside events), <see cref="Path"/> the redacted property path (or dimension path, or
/// <c>correlation</c>), and <see cref="Sha256"/> the lowercase hex SHA-256 of the UTF-8 bytes of the value's canonical
/// JSON text (<see cref="EvidenceRedaction.Hash"/>), so whoever holds the full bundle can prove what was there.
/// </summary>
public sealed record Redaction(string At, Guid? EventId, string Path, string Sha256);
