using Witn.Domain.Common;

namespace Witn.Domain.Definitions;

public sealed record AnyCondition(ValueArray<Condition> Conditions) : Condition;
