namespace Witn.Cli.Profiles;

/// <summary>Where a command sends its requests, and where that came from (for messages: "profile 'prod'", "WITN_URL").</summary>
public sealed record Connection(Uri Url, string? Key, string Source);
