using Witn.Domain.Common;

namespace Witn.Domain.Evidence;

/// <summary>
/// What the customer may see of an evidence bundle (<see cref="EvidenceRedaction.CustomerView"/>): the bundle with
/// every redacted value replaced by <see cref="EvidenceRedaction.Marker"/>, and the hash of each value it replaced.
/// </summary>
public sealed record CustomerEvidence(EvidenceBundle Bundle, ValueArray<Redaction> Redactions)
{
    /// <summary>The redactions inside one event's properties, in path order.</summary>
    public IEnumerable<Redaction> Of(Guid eventId) => Redactions.Where(r => r.EventId == eventId);

    /// <summary>The redaction that replaced a whole field (<c>dimensions[0].value</c>, <c>correlation</c>), or null.</summary>
    public Redaction? At(string at) => Redactions.FirstOrDefault(r => r.At == at);
}
