using Witn.Abstractions.Shadow;
using Witn.Domain.Definitions;

namespace Witn.Abstractions.Outcomes;

/// <summary>
/// One named outcome definition (key: the name). Reads and writes go to the database, which also enforces
/// version numbering across silos; after a change the grain updates its own silo's catalog at once, and
/// the database notification reaches every other silo.
/// </summary>
[Alias("witn.outcomes.definition")]
public interface IOutcomeDefinitionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Publishes a valid definition whose name is this grain's key: a new version, or the latest one when the
    /// content is unchanged. Throws <see cref="ArgumentException"/> for invalid text (callers validate first).
    /// </summary>
    [Alias("publish")]
    Task<PublishReply> PublishAsync(DefinitionSource source);

    /// <summary>The definition with its latest version; null when nothing was ever published under this name.</summary>
    [Alias("get")]
    Task<DefinitionInfo?> GetAsync();

    /// <summary>One version; null when it does not exist.</summary>
    [Alias("get-version")]
    Task<DefinitionVersionInfo?> GetVersionAsync(int version);

    /// <summary>Sets the status of the definition (all versions); null when the name is unknown.</summary>
    [Alias("set-status")]
    Task<DefinitionInfo?> SetStatusAsync(DefinitionStatus status);

    /// <summary>
    /// Makes a shadow definition active from the period start <see cref="PromotionRequest.At"/>: outcomes whose first
    /// event is at or after it are billed, earlier ones never. Refused when, for any tenant whose contract prices it,
    /// its settled outcomes priced live move the current period beyond the request's threshold, unless forced.
    /// </summary>
    [Alias("promote")]
    Task<PromotionReply> PromoteAsync(PromotionRequest request);
}
