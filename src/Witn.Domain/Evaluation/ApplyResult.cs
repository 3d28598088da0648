namespace Witn.Domain.Evaluation;

public enum ApplyResult
{
    /// <summary>The event is now part of the outcome.</summary>
    Applied,

    /// <summary>An event with this id was applied before; nothing changed.</summary>
    Duplicate,

    /// <summary>The definition does not listen to this event type; nothing changed.</summary>
    Ignored,
}
