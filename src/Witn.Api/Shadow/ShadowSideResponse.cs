namespace Witn.Api.Shadow;

/// <summary>One side of a comparison line: how many charges (outcomes) and their amount, a decimal string in the comparison's currency.</summary>
public sealed record ShadowSideResponse(long Count, string Amount);
