using Witn.Domain.Events;

namespace Witn.Domain.Alerts;

/// <summary>
/// Ids of alert history entries, derived from what they record (rule, tenant, series, what, when) as UUIDv5 like
/// dispute credit ids, so evaluating the same reading twice (a retry, a second silo) names the same entry and the
/// database keeps one.
/// </summary>
public static class AlertIds
{
    private static readonly Guid Namespace = EventIds.V5(EventIds.Root, "witn:alert");

    public static Guid Of(string rule, string tenant, string series, AlertTransition transition, DateTimeOffset at) =>
        EventIds.V5(Namespace, $"{rule}\n{tenant}\n{series}\n{transition}\n{at.UtcTicks}");
}
