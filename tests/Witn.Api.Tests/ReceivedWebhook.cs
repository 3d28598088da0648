namespace Witn.Api.Tests;

/// <summary>One request as the test receiver got it.</summary>
public sealed record ReceivedWebhook(string Path, string? Id, string? Timestamp, string? Signature, string? ContentType, byte[] Body);
