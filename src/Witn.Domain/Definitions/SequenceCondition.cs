using Witn.Domain.Common;

namespace Witn.Domain.Definitions;

/// <summary>Events of these types occur in this event order; with <see cref="Within"/>, first to last spans at most that long.</summary>
public sealed record SequenceCondition(ValueArray<string> Types, TimeSpan? Within = null) : Condition;
