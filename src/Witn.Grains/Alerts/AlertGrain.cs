using Witn.Abstractions.Alerts;

namespace Witn.Grains.Alerts;

/// <summary>One tenant's alert evaluations, one at a time (not reentrant): load, decide in the domain, save.</summary>
public sealed class AlertGrain(AlertEvaluator evaluator) : Grain, IAlertGrain
{
    public Task<int> EvaluateAsync(DateTimeOffset now) => evaluator.EvaluateAsync(this.GetPrimaryKeyString(), now);
}
