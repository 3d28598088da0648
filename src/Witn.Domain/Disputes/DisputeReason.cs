namespace Witn.Domain.Disputes;

/// <summary>Why a buyer says a charge should not stand (text forms in <see cref="DisputeNames"/>).</summary>
public enum DisputeReason
{
    NotAchieved,
    NotAsDefined,
    Duplicate,
    HumanDidTheWork,
    AgentError,
    Other,
}
