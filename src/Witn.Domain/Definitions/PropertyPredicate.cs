namespace Witn.Domain.Definitions;

/// <summary>One test of a <c>where</c> clause; all predicates of a clause must hold.</summary>
public sealed record PropertyPredicate(PropertyPath Path, PredicateOperator Operator, Literal Operand);
