namespace Witn.Domain.Quality;

/// <summary>The rates a comparison tests, each a part of a whole of <see cref="QualityCounts"/>.</summary>
public enum QualityFigure
{
    Conversion,
    Void,
    Review,
    Dispute,
    Credit,
    DuplicateSuppression,
    EvidenceCompleteness,
}
