namespace Witn.Api.Quality;

/// <summary>One compared agent version and its figures over the whole range.</summary>
public sealed record QualityVersionResponse(string Version, QualityFiguresResponse Figures);
