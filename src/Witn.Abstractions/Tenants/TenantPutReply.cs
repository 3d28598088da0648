namespace Witn.Abstractions.Tenants;

/// <summary>The tenant after a create or update, or the reasons it was refused (then nothing changed).</summary>
[GenerateSerializer, Immutable, Alias("witn.tenants.put-reply")]
public sealed record TenantPutReply(
    [property: Id(0)] Witn.Domain.Tenants.Tenant? Tenant,
    [property: Id(1)] bool Created,
    [property: Id(2)] TenantProblem[] Errors);
