using Witn.Abstractions.Contracts;
using Witn.Abstractions.Outcomes;

namespace Witn.Abstractions.Shadow;

/// <summary>
/// The answer to a promotion: the new live contract version or the promoted definition, the deviation measured
/// (the largest across tenants for a definition; null when nothing was measured), or why it was refused.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.shadow.promotion-reply")]
public sealed record PromotionReply(
    [property: Id(0)] PromotionResult Result,
    [property: Id(1)] ContractVersionInfo? Contract,
    [property: Id(2)] DefinitionInfo? Definition,
    [property: Id(3)] PromotionDeviation? Deviation,
    [property: Id(4)] string? Message,
    [property: Id(5)] string? Hint)
{
    public static PromotionReply Refused(PromotionResult result, string message, string hint, PromotionDeviation? deviation = null) =>
        new(result, null, null, deviation, message, hint);
}
