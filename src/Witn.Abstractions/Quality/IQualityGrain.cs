namespace Witn.Abstractions.Quality;

/// <summary>The revenue-quality read (a stateless worker on each silo; key unused, use 0).</summary>
[Alias("witn.quality")]
public interface IQualityGrain : IGrainWithIntegerKey
{
    /// <summary>The request's groups and intervals, ordered by key then interval; none when no cell matches.</summary>
    [Alias("query")]
    Task<QualityGroup[]> QueryAsync(QualityRequest request);
}
