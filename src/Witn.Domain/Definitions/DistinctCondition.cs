using Witn.Domain.Common;

namespace Witn.Domain.Definitions;

/// <summary>Number of distinct values of <see cref="Property"/> among events of type <see cref="Of"/>.</summary>
public sealed record DistinctCondition(string Of, PropertyPath Property, Threshold Threshold, ValueArray<PropertyPredicate> Where = default) : Condition;
