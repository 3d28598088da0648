namespace Witn.Domain.Exports;

/// <summary>What a provider holds for an exported invoice: an object's id, the Witn line it names (null: none), its amount in minor units.</summary>
public sealed record ProviderLine(string Id, int? Line, long AmountMinor, string Currency);
