using Witn.Domain.Contracts;

namespace Witn.Grains.Contracts;

/// <summary>A stored contract version, parsed: what pricing needs (the version goes on the charge, invariant 5).</summary>
public sealed record BookedContract(string TenantId, int Version, DateTimeOffset EffectiveFrom, Contract Contract);
