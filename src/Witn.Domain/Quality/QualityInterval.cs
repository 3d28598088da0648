namespace Witn.Domain.Quality;

/// <summary>How a group's figures are split in time: one interval for the whole range, UTC days, or ISO weeks (Monday to Monday, UTC).</summary>
public enum QualityInterval
{
    Whole,
    Day,
    Week,
}
