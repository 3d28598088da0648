using Witn.Domain.Definitions;

namespace Witn.Abstractions.Contracts;

/// <summary>
/// A contract as its author wrote it (YAML or JSON). The domain's <c>Contract</c> is not an Orleans type, so
/// contracts cross the wire as text and are parsed where they are used.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.contracts.contract-source")]
public sealed record ContractSource(
    [property: Id(0)] string Text,
    [property: Id(1)] DefinitionFormat Format);
