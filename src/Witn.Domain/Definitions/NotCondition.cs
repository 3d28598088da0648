namespace Witn.Domain.Definitions;

public sealed record NotCondition(Condition Condition) : Condition;
