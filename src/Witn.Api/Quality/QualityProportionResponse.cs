namespace Witn.Api.Quality;

/// <summary>One side of a compared rate: its part, its whole and the rate (null without a whole).</summary>
public sealed record QualityProportionResponse(long Part, long Whole, decimal? Rate);
