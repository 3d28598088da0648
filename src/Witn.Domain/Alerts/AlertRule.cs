using Witn.Domain.Quality;

namespace Witn.Domain.Alerts;

/// <summary>
/// An alert rule (docs/alerts.md). <see cref="By"/> splits the scope into one series per definition, agent or agent
/// version, each firing on its own. A series fires only once it has seen <see cref="MinVolume"/> (the whole of the
/// rate, or the count itself) and, when set, <see cref="MinAmount"/> charged in one currency. <see cref="EvaluateAfter"/>
/// is how long after a day ends its cohort is judged; null waits for the settlement of the definitions in scope.
/// <see cref="For"/>: how long a series stays outside before it fires.
/// </summary>
public sealed record AlertRule(
    string Name,
    AlertMetric Metric,
    AlertScope Scope,
    QualityGrouping By,
    AlertCondition Condition,
    long MinVolume,
    decimal? MinAmount,
    TimeSpan? EvaluateAfter,
    TimeSpan For,
    bool Enabled = true,
    bool Builtin = false);
