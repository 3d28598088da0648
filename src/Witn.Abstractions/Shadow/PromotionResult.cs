namespace Witn.Abstractions.Shadow;

/// <summary>How a promotion ended.</summary>
public enum PromotionResult
{
    Promoted,
    UnknownTenant,
    UnknownDefinition,

    /// <summary>The tenant has no live contract to compare with (or to keep the billing period of).</summary>
    NoContract,

    /// <summary>Nothing is in shadow: no current shadow contract version, or the definition is not shadow.</summary>
    NothingInShadow,

    /// <summary><c>at</c> is not a period start, or before the current period.</summary>
    NotABoundary,

    /// <summary>Outcomes that started at or after <c>at</c> were already settled under the old terms.</summary>
    AlreadyStarted,

    /// <summary>The measured deviation is beyond <c>max_delta_percent</c> and the promotion was not forced.</summary>
    Deviates,

    /// <summary>The shadow version changed while promoting (another put or promotion came first).</summary>
    Changed,
}
