namespace Witn.Domain.Definitions;

/// <summary>The operators of a <c>where</c> clause, in canonical order.</summary>
public enum PredicateOperator
{
    Eq,
    Ne,
    In,
    NotIn,
    Gt,
    Gte,
    Lt,
    Lte,
    Exists,
    Matches,
    Contains,
}
