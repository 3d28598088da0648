namespace Witn.Cli.AsCode;

/// <summary>A definition as the server holds it (<c>GET /v1/outcomes</c>): status, latest version and its content hash.</summary>
public sealed record ServerDefinition(string Name, string Status, int LatestVersion, string ContentHash);
