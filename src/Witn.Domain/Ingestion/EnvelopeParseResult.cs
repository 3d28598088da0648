using System.Diagnostics.CodeAnalysis;
using Witn.Domain.Common;

namespace Witn.Domain.Ingestion;

/// <summary>
/// Either a request-level <see cref="Failure"/> (the API answers 400) or one item per event in request order
/// (the API answers 202 with one result per item). A problem with one event never fails the request.
/// </summary>
public sealed record EnvelopeParseResult(EnvelopeFailure? Failure, ValueArray<EnvelopeItem> Items)
{
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Failure is null;

    public static EnvelopeParseResult Failed(EnvelopeFailure failure) => new(failure, ValueArray<EnvelopeItem>.Empty);
}
