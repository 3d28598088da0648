using Witn.Abstractions.Outcomes;
using Witn.Domain.Events;
using Witn.Grains.Outcomes;

namespace Witn.Grains.Tenants;

/// <summary>
/// Routing decided in one place: an event goes to every routed (active or shadow) definition that listens to
/// its type and finds a correlation value in it, one outcome grain per (tenant, definition, value).
/// </summary>
public static class TenantRouter
{
    public static IEnumerable<string> Targets(CatalogSnapshot catalog, OutcomeEvent evt)
    {
        foreach (var entry in catalog.ListeningTo(evt.Type))
        {
            if (entry.Definition.CorrelationOf(evt) is { } correlation)
            {
                yield return OutcomeKey.Format(evt.TenantId, entry.Name, correlation);
            }
        }
    }
}
