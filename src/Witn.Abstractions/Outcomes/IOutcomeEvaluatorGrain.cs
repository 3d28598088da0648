namespace Witn.Abstractions.Outcomes;

/// <summary>
/// "Try your definition": evaluates events against an inline or published definition and stores nothing.
/// A local stateless worker, so a definition given by name comes from the calling silo's catalog — exactly
/// what that silo would route with.
/// </summary>
[Alias("witn.outcomes.evaluator")]
public interface IOutcomeEvaluatorGrain : IGrainWithIntegerKey
{
    [Alias("evaluate")]
    Task<EvaluationReply> EvaluateAsync(EvaluationRequest request);
}
