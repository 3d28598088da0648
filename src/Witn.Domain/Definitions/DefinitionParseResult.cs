using System.Diagnostics.CodeAnalysis;
using Witn.Domain.Common;

namespace Witn.Domain.Definitions;

/// <summary>Either a definition or every error found in the text (never both).</summary>
public sealed record DefinitionParseResult(OutcomeDefinition? Definition, ValueArray<DefinitionError> Errors)
{
    [MemberNotNullWhen(true, nameof(Definition))]
    public bool IsValid => Definition is not null;
}
