namespace Witn.Domain.Access;

/// <summary>
/// Who sees an evidence bundle in full (operators, who may need what the agent saw to defend a charge) and who sees
/// the customer view with the definition's <c>redact:</c> paths hidden (everyone else: read keys, the portal).
/// </summary>
public static class EvidenceAudience
{
    /// <summary>The one rule: a scope listed here sees the full bundle (add a scope here and nowhere else).</summary>
    public static bool SeesFullBundle(IEnumerable<ApiKeyScope> held) =>
        held.Any(s => s is ApiKeyScope.Admin or ApiKeyScope.Disputes);
}
