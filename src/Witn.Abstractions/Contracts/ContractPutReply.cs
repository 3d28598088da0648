namespace Witn.Abstractions.Contracts;

/// <summary>
/// The answer to a put: the stored version (with any warnings), or why nothing was stored — the tenant does not
/// exist (<see cref="UnknownTenant"/>) or the contract has <see cref="Errors"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.contracts.put-reply")]
public sealed record ContractPutReply(
    [property: Id(0)] ContractVersionInfo? Stored,
    [property: Id(1)] bool UnknownTenant,
    [property: Id(2)] ContractProblem[] Errors,
    [property: Id(3)] ContractProblem[] Warnings);
