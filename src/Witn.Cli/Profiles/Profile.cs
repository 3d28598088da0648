namespace Witn.Cli.Profiles;

/// <summary>A server and the key to call it with, saved by <c>witn login</c>.</summary>
public sealed record Profile(string Url, string Key);
