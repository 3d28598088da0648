namespace Witn.Domain.Evaluation;

/// <summary>
/// The three condition trees as evaluated: qualify and review_when over the events stamped before the window
/// closed (or up to the voiding event); reverse_on over every event, up to the one that reversed it.
/// </summary>
public sealed record OutcomeExplanation(ExplanationNode Qualify, ExplanationNode? ReviewWhen, ExplanationNode? ReverseOn);
