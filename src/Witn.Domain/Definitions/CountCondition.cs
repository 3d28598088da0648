using Witn.Domain.Common;

namespace Witn.Domain.Definitions;

public sealed record CountCondition(string Of, Threshold Threshold, ValueArray<PropertyPredicate> Where = default) : Condition;
