namespace Witn.Domain.Disputes;

/// <summary>Why a dispute command is refused: bad input (400), the dispute's state (409), the caller (403), or no such charge or dispute for the tenant (404).</summary>
public enum DisputeRefusalKind
{
    Invalid,
    Conflict,
    Forbidden,
    NotFound,
}
