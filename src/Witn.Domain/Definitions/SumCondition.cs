using Witn.Domain.Common;

namespace Witn.Domain.Definitions;

/// <summary>Decimal sum of <see cref="Property"/> over events of type <see cref="Of"/>; the first one in <c>qualify</c> is the outcome's value.</summary>
public sealed record SumCondition(string Of, PropertyPath Property, Threshold Threshold, ValueArray<PropertyPredicate> Where = default) : Condition;
