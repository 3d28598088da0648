namespace Witn.Domain.Definitions;

/// <summary>A node of a condition tree (<c>qualify</c>, <c>reverse_on</c>, <c>review_when</c>).</summary>
public abstract record Condition;
