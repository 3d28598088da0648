namespace Witn.Abstractions.Outcomes;

/// <summary>
/// The limits of one evaluation (<c>POST /v1/outcomes/evaluate</c>), in one place (docs/api.md and docs/security.md
/// quote them): anyone with a read key may send one, so its work and its answer are bounded, not only its bytes.
/// </summary>
public static class EvaluationLimits
{
    /// <summary>
    /// Routed events × conditions of the definition: each routed event is folded through every condition of its
    /// outcome, and every condition is explained (with the events behind it) in the answer.
    /// </summary>
    public const long MaxWork = 250_000;

    /// <summary>Bytes of the JSON answer (8 MiB).</summary>
    public const int MaxAnswerBytes = 8 * 1024 * 1024;
}
