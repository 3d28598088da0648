namespace Witn.Domain.Definitions;

/// <summary>Which agent a charge is credited to: the agent of the first or of the last attributed event.</summary>
public enum Attribution
{
    Last,
    First,
}
