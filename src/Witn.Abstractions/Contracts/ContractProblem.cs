namespace Witn.Abstractions.Contracts;

/// <summary>One error or warning about a contract, as it crosses the wire: path, position (YAML, when known), what and how to fix it.</summary>
[GenerateSerializer, Immutable, Alias("witn.contracts.problem")]
public sealed record ContractProblem(
    [property: Id(0)] string Path,
    [property: Id(1)] int? Line,
    [property: Id(2)] int? Column,
    [property: Id(3)] string Message,
    [property: Id(4)] string Hint);
