using System.Security.Cryptography;

namespace Witn.Domain.Webhooks;

/// <summary>An endpoint's signing secret: <c>whsec_</c> and 32 random bytes in base64url, shown to its owner once.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
