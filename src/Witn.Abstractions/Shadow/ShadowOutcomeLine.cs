namespace Witn.Abstractions.Shadow;

/// <summary>
/// One outcome type in a period, live and shadow: how many charges (outcomes) and what their invoice lines amount
/// to (tiers and the outcome's own cap included). <see cref="ShadowDefinition"/>: a shadow definition, billed only
/// on the shadow side.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.shadow.outcome-line")]
public sealed record ShadowOutcomeLine(
    [property: Id(0)] string Outcome,
    [property: Id(1)] bool ShadowDefinition,
    [property: Id(2)] long LiveCount,
    [property: Id(3)] decimal LiveAmount,
    [property: Id(4)] long ShadowCount,
    [property: Id(5)] decimal ShadowAmount);
