namespace Witn.Abstractions.Outcomes;

/// <summary>
/// The evaluation: which definition (and version, null for an inline one), the clock used, one outcome per
/// correlation value, and what happened to each event. <see cref="NotFound"/> says why a named definition
/// could not be found, <see cref="OverBudget"/> why the evaluation would be more work than
/// <see cref="EvaluationLimits.MaxWork"/> (then nothing else is set).
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.evaluation-reply")]
public sealed record EvaluationReply(
    [property: Id(0)] string? NotFound,
    [property: Id(1)] string Name,
    [property: Id(2)] int? Version,
    [property: Id(3)] string ContentHash,
    [property: Id(4)] string CorrelateBy,
    [property: Id(5)] string[] ListenedTypes,
    [property: Id(6)] DateTimeOffset? Now,
    [property: Id(7)] EvaluatedOutcome[] Outcomes,
    [property: Id(8)] EventRouting[] Events,
    [property: Id(9)] string? OverBudget = null)
{
    public static EvaluationReply Missing(string why) => new(why, "", null, "", "", [], null, [], []);

    public static EvaluationReply TooMuchWork(string why) => new(null, "", null, "", "", [], null, [], [], why);
}
