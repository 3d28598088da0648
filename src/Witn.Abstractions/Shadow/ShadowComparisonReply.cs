using Witn.Abstractions.Invoices;

namespace Witn.Abstractions.Shadow;

/// <summary>A comparison, or why there is none (the same problems as the period's invoice: <see cref="Result"/>, message, hint).</summary>
[GenerateSerializer, Immutable, Alias("witn.shadow.comparison-reply")]
public sealed record ShadowComparisonReply(
    [property: Id(0)] InvoiceResult Result,
    [property: Id(1)] ShadowComparison? Comparison,
    [property: Id(2)] string? Message,
    [property: Id(3)] string? Hint);
