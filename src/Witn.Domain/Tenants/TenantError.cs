namespace Witn.Domain.Tenants;

/// <summary>One thing wrong with a tenant spec: the field, what is wrong, how to fix it.</summary>
public sealed record TenantError(string Path, string Message, string Hint);
