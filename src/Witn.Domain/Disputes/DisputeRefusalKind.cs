namespace Witn.Domain.Disputes;

/// <summary>Why a dispute command is refused: bad input (400), the dispute's state (409), or the caller (403).</summary>
public enum DisputeRefusalKind
{
    Invalid,
    Conflict,
    Forbidden,
}
