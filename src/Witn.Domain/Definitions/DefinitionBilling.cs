namespace Witn.Domain.Definitions;

/// <summary>
/// The one rule for whether an outcome of a definition is billed: the live outcome grain and the replay engine both
/// ask it. Only an active definition bills; one promoted from shadow at a period boundary bills the outcomes whose
/// first event is at or after that boundary and never the earlier ones (they were evaluated as shadow).
/// </summary>
public static class DefinitionBilling
{
    public static bool Billable(DefinitionStatus status, DateTimeOffset? activeFrom, DateTimeOffset firstEventAt) =>
        status == DefinitionStatus.Active && (activeFrom is not { } from || firstEventAt >= from);
}
