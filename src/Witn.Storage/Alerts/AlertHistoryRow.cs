using Witn.Domain.Alerts;

namespace Witn.Storage.Alerts;

/// <summary>One firing or resolution as stored (alert_history), with the rule as it was and <see cref="Seq"/>, its place in the history.</summary>
public sealed record AlertHistoryRow(
    Guid Id,
    string RuleName,
    string TenantId,
    string Series,
    AlertTransition Kind,
    DateTimeOffset At,
    DateOnly? Day,
    AlertRule Rule,
    decimal? Value,
    long Volume,
    AlertBaseline? Baseline,
    IReadOnlyList<AlertExample> Examples,
    Guid? TriggeredId,
    long Seq = 0);
