using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Witn.Domain.Webhooks;

/// <summary>
/// How a webhook request is signed: <c>v1=</c> and the lowercase hex HMAC-SHA256, keyed with the endpoint secret
/// (its UTF-8 bytes, prefix included), of <c>"{timestamp}.{body}"</c> where timestamp is the
/// <see cref="TimestampHeader"/> value (unix seconds) and body the exact request bytes.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "Witn-Webhook-Id";
    public const string TimestampHeader = "Witn-Webhook-Timestamp";
    public const string SignatureHeader = "Witn-Webhook-Signature";
    public const string Version = "v1";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"{Version}={Convert.ToHexString(mac).ToLowerInvariant()}";
    }
}
