namespace Witn.Abstractions.Tenants;

/// <summary>One thing wrong with a tenant request, as it crosses the wire.</summary>
[GenerateSerializer, Immutable, Alias("witn.tenants.problem")]
public sealed record TenantProblem(
    [property: Id(0)] string Path,
    [property: Id(1)] string Message,
    [property: Id(2)] string Hint);
