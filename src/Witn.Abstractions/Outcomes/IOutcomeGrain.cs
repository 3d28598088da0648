using Witn.Domain.Events;

namespace Witn.Abstractions.Outcomes;

/// <summary>
/// One outcome: a definition's instance for one correlation value of one tenant (key: <see cref="OutcomeKey"/>).
/// The tenant grain routes the tenant's events here; the grain folds them (duplicates by event id are ignored).
/// </summary>
[Alias("witn.outcomes.outcome")]
public interface IOutcomeGrain : IGrainWithStringKey
{
    /// <summary>Adds an event to the outcome; returns false when the outcome already had it.</summary>
    [Alias("apply")]
    Task<bool> ApplyAsync(OutcomeEvent evt);

    /// <summary>The ids of the events the outcome holds, in event-time order.</summary>
    [Alias("event-ids")]
    Task<Guid[]> GetEventIdsAsync();

    /// <summary>The ids of the events the outcome holds, in the order they arrived (the log's order).</summary>
    [Alias("arrivals")]
    Task<Guid[]> GetArrivalsAsync();
}
