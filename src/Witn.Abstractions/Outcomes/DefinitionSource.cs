using Witn.Domain.Definitions;

namespace Witn.Abstractions.Outcomes;

/// <summary>
/// A definition as its author wrote it. The domain's <see cref="OutcomeDefinition"/> is not an Orleans type,
/// so definitions cross the wire as text and are parsed (cheaply) where they are used.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.definition-source")]
public sealed record DefinitionSource(
    [property: Id(0)] string Text,
    [property: Id(1)] DefinitionFormat Format);
