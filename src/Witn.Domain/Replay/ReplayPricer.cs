using Witn.Domain.Evaluation;
using Witn.Domain.Settlement;

namespace Witn.Domain.Replay;

/// <summary>
/// The terms of a charge made at <paramref name="realAt"/> for an outcome with this first event, dimensions and
/// value: the contract version in force at its first event among those that existed then, or the version of its
/// first charge (<paramref name="pinnedBy"/>), exactly as the live pricer decides.
/// </summary>
public delegate ChargeTerms ReplayPricer(DateTimeOffset firstEventAt, IReadOnlyList<DimensionValue> dimensions, decimal? value, ChargeTerms? pinnedBy, DateTimeOffset realAt);
