using System.Security.Cryptography;
using System.Text;

namespace Witn.Domain.Access;

/// <summary>
/// The secret a client sends: <c>wk_&lt;id&gt;_&lt;secret&gt;</c>. The id (16 hex digits) is public and finds
/// the key; the secret (32 random bytes, base64url) is known only to the holder and stored only as a SHA-256 hash.
/// </summary>
public sealed record ApiKeyToken(string Id, string Secret)
{
    private const string Prefix = "wk_";
    private const int IdLength = 16;

    public static ApiKeyToken Generate() => new(
        Convert.ToHexString(RandomNumberGenerator.GetBytes(IdLength / 2)).ToLowerInvariant(),
        Base64Url(RandomNumberGenerator.GetBytes(32)));

    public static bool TryParse(string? text, out ApiKeyToken token)
    {
        token = null!;
        if (text is null || text.Length < Prefix.Length + IdLength + 2 || !text.StartsWith(Prefix, StringComparison.Ordinal) || text[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        var id = text.Substring(Prefix.Length, IdLength);
        if (!id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            return false;
        }

        token = new ApiKeyToken(id, text[(Prefix.Length + IdLength + 1)..]);
        return true;
    }

    public static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Constant-time comparison so response timing reveals nothing about the stored hash.</summary>
    public bool Matches(ReadOnlySpan<byte> storedHash) => CryptographicOperations.FixedTimeEquals(HashSecret(Secret), storedHash);

    /// <summary>The full secret string the holder sends as a bearer token.</summary>
    public string Format() => $"{Prefix}{Id}_{Secret}";

    /// <summary>Never the secret: tokens end up in logs by accident.</summary>
    public override string ToString() => $"{Prefix}{Id}_…";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
