using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Witn.Abstractions.Portal;
using Witn.Domain.Tenants;

namespace Witn.Api.Portal;

/// <summary>
/// Signs and checks portal links and the CSRF tokens of their sessions (and of the forms API keys send from
/// pages, <see cref="KeyCsrfTokenAsync"/>) with HMAC-SHA256. A link's token is
/// <c>base64url(p1|tenant|session id|expiry in Unix seconds) "." base64url(mac)</c>: nothing is stored per session,
/// so any silo checks any link, and the token alone is the session (the cookie holds it). The key is
/// <see cref="PortalOptions.SigningKey"/> when configured, else the cluster's (<see cref="IPortalSecretGrain"/>),
/// fetched once per silo. The clock is injected so tests can move a link past its end.
/// </summary>
public sealed class PortalSigner(IOptions<PortalOptions> options, IGrainFactory grains, TimeProvider time)
{
    public const int MinKeyBytes = 32;

    /// <summary>The longest a link lives (the issue's bound: a link that is mailed should not outlive a day).</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromHours(24);

    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(1);

    // A tenant id is at most 64 characters: a real token is under 200; anything much longer is not one.
    private const int MaxTokenLength = 512;
    private const string Version = "p1";

    private byte[]? _secret;

    public TimeProvider Time => time;

    /// <summary>The key bytes of a configured <see cref="PortalOptions.SigningKey"/>, or null when it is not base64 of at least <see cref="MinKeyBytes"/> bytes.</summary>
    public static byte[]? Decode(string base64)
    {
        var buffer = new byte[((base64?.Length ?? 0) * 3 / 4) + 3];
        return Convert.TryFromBase64String(base64 ?? "", buffer, out var written) && written >= MinKeyBytes ? buffer[..written] : null;
    }

    /// <summary>A new session of <paramref name="tenantId"/> that ends <paramref name="ttl"/> from now (to the second), and its token.</summary>
    public async Task<(string Token, PortalSession Session)> IssueAsync(string tenantId, TimeSpan ttl)
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().Add(ttl).ToUnixTimeSeconds());
        var session = new PortalSession(tenantId, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), expires);
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}|{tenantId}|{session.Id}|{expires.ToUnixTimeSeconds()}"));
        var mac = await MacAsync("link", payload);
        return ($"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(mac)}", session);
    }

    /// <summary>The session a token stands for, or null when it is malformed, not signed by this cluster's key, or over.</summary>
    public async Task<PortalSession?> VerifyAsync(string? token)
    {
        if (token is null || token.Length > MaxTokenLength || token.IndexOf('.', StringComparison.Ordinal) is not (> 0 and var dot))
        {
            return null;
        }

        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return null;
        }

        var expected = await MacAsync("link", payload);
        if (!CryptographicOperations.FixedTimeEquals(mac, expected))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 4 || parts[0] != Version || !TenantIds.IsValid(parts[1])
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || unix > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(unix);
        return time.GetUtcNow() < expires ? new PortalSession(parts[1], parts[2], expires) : null;
    }

    /// <summary>The session's CSRF token: the same for every form of the session, unguessable without the key.</summary>
    public async Task<string> CsrfTokenAsync(PortalSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Base64Url.EncodeToString(await MacAsync("csrf", Encoding.UTF8.GetBytes($"{session.TenantId}|{session.Id}")));
    }

    /// <summary>Whether a form sent the session's CSRF token (compared in constant time).</summary>
    public async Task<bool> CsrfMatchesAsync(PortalSession session, string? sent) =>
        sent is { Length: > 0 and < 100 } && Same(sent, await CsrfTokenAsync(session));

    /// <summary>
    /// The CSRF token of the forms an API key's holder sends from pages (the operator console): the same for every
    /// form of the key, unguessable without the cluster's key, and never valid for another key or a portal session.
    /// </summary>
    public async Task<string> KeyCsrfTokenAsync(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return Base64Url.EncodeToString(await MacAsync("key-csrf", Encoding.UTF8.GetBytes(keyId)));
    }

    /// <summary>Whether a form sent the key's CSRF token (compared in constant time).</summary>
    public async Task<bool> KeyCsrfMatchesAsync(string keyId, string? sent) =>
        sent is { Length: > 0 and < 100 } && Same(sent, await KeyCsrfTokenAsync(keyId));

    private static bool Same(string sent, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sent), Encoding.ASCII.GetBytes(expected));

    // The purpose is part of the message, so a CSRF token can never pass for a link's signature or the other way round.
    private async Task<byte[]> MacAsync(string purpose, byte[] payload)
    {
        var message = new byte[purpose.Length + 1 + payload.Length];
        Encoding.ASCII.GetBytes(purpose, message);
        payload.CopyTo(message, purpose.Length + 1);
        return HMACSHA256.HashData(await SecretAsync(), message);
    }

    private async Task<byte[]> SecretAsync()
    {
        if (Volatile.Read(ref _secret) is { } known)
        {
            return known;
        }

        var secret = options.Value.SigningKey is { } configured
            ? Decode(configured) ?? throw new InvalidOperationException($"{PortalOptions.Section}:SigningKey is not a usable key")
            : await grains.GetGrain<IPortalSecretGrain>(0).GetAsync();
        Volatile.Write(ref _secret, secret);
        return secret;
    }
}
