using Witn.Domain.Common;

namespace Witn.Domain.Definitions;

public sealed record AllCondition(ValueArray<Condition> Conditions) : Condition;
