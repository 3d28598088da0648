namespace Witn.Abstractions.Alerts;

/// <summary>
/// The alert evaluation of one tenant (key: the tenant id). Evaluations of a tenant run one at a time here, so a
/// series is never judged twice at once; what they record is idempotent anyway (history ids come from the reading).
/// </summary>
[Alias("witn.alerts.alert-grain")]
public interface IAlertGrain : IGrainWithStringKey
{
    /// <summary>Evaluates every enabled rule that applies to the tenant at <paramref name="now"/> (its clock); returns how many alerts fired or resolved.</summary>
    [Alias("evaluate")]
    Task<int> EvaluateAsync(DateTimeOffset now);
}
