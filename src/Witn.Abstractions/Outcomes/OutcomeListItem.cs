namespace Witn.Abstractions.Outcomes;

/// <summary>One outcome in a list: its key, status (snake_case, as in the API) and instants.</summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.list-item")]
public sealed record OutcomeListItem(
    [property: Id(0)] string Definition,
    [property: Id(1)] string Correlation,
    [property: Id(2)] int DefinitionVersion,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTimeOffset? FirstEventAt,
    [property: Id(5)] DateTimeOffset? QualifiedAt,
    [property: Id(6)] DateTimeOffset? SettlesAt,
    [property: Id(7)] DateTimeOffset? NextDueAt,
    [property: Id(8)] Guid? ChargeId,
    [property: Id(9)] Guid? CreditId,
    [property: Id(10)] int EventCount,
    [property: Id(11)] DateTimeOffset UpdatedAt);
