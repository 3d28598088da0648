using Witn.Domain.Contracts;

namespace Witn.Cli.AsCode;

/// <summary>A tenant's latest live contract as the server holds it (<c>GET /v1/tenants/{t}/contract</c>), read back with the engine's parser.</summary>
public sealed record ServerContract(string Tenant, int Version, Contract Contract);
