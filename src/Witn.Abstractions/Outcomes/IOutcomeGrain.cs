using Witn.Domain.Events;

namespace Witn.Abstractions.Outcomes;

/// <summary>
/// One outcome: a definition's instance for one correlation value of one tenant (key: <see cref="OutcomeKey"/>).
/// It owns its events (deduplicated by id), its pinned definition version, its lifecycle and its ledger
/// references; every call returns after the resulting state is durable.
/// </summary>
[Alias("witn.outcomes.outcome")]
public interface IOutcomeGrain : IGrainWithStringKey
{
    /// <summary>Adds events (in arrival order); returns how many were new to the outcome.</summary>
    [Alias("apply")]
    Task<int> ApplyAsync(OutcomeEvent[] events);

    /// <summary>
    /// Brings the outcome up to <paramref name="now"/> (the tenant's clock when null): settles, expires or credits
    /// whatever is due. Sandbox clock advances and reminders call it.
    /// </summary>
    [Alias("tick")]
    Task<OutcomeTick> TickAsync(DateTimeOffset? now);

    /// <summary>Records a manual review decision for an outcome waiting in review.</summary>
    [Alias("review")]
    Task<ReviewReply> ReviewAsync(ReviewRequest request);

    /// <summary>The outcome now (null when it has no events).</summary>
    [Alias("get")]
    Task<OutcomeView?> GetAsync();

    /// <summary>The ids of the events the outcome holds, in event-time order.</summary>
    [Alias("event-ids")]
    Task<Guid[]> GetEventIdsAsync();

    /// <summary>The ids of the events the outcome holds, in the order they arrived (the log's order).</summary>
    [Alias("arrivals")]
    Task<Guid[]> GetArrivalsAsync();
}
