namespace Witn.Api.Exports;

/// <summary>What a retry did: how many failed or dead exports are due again, and the invoice's exports to that provider now.</summary>
public sealed record ExportRetryResponse(int Retried, IReadOnlyList<ExportResponse> Exports);
