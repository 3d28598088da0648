using Witn.Domain.Common;

namespace Witn.Domain.Definitions;

/// <summary>
/// An event of <see cref="Type"/> exists. <see cref="After"/>/<see cref="Before"/> compare with the first
/// event of that other type in event order; <see cref="Within"/> is measured from the outcome's first event.
/// </summary>
public sealed record SeenCondition(
    string Type,
    ValueArray<PropertyPredicate> Where = default,
    string? After = null,
    string? Before = null,
    TimeSpan? Within = null) : Condition;
