using Witn.Abstractions.Alerts;
using Witn.Domain.Alerts;
using Witn.Domain.Quality;

namespace Witn.Api.Alerts;

/// <summary>One series of a rule that is outside: its tenant and group, pending (not yet for long enough) or firing, since when, and the open firing.</summary>
public sealed record AlertSeriesResponse(
    string TenantId,
    string? Definition,
    string? Agent,
    string? AgentVersion,
    string Status,
    DateTimeOffset? OutsideSince,
    Guid? FiringId)
{
    public static AlertSeriesResponse From(QualityGrouping by, AlertSeriesInfo s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var (definition, agent, version) = AlertSeriesKeys.Parts(by, s.Series);
        return new(s.TenantId, definition, agent, version, s.Status, s.OutsideSince, s.FiringId);
    }
}
