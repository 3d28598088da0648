namespace Witn.Api.Portal;

/// <summary>
/// The customer portal's settings (<c>Witn:Portal</c>), checked at startup by <see cref="PortalOptionsValidator"/>.
/// <see cref="SigningKey"/>: base64 of at least 32 random bytes, the same on every silo; left out, the cluster
/// generates one and keeps it in PostgreSQL. <see cref="VendorName"/>: who runs this engine and sends the links,
/// named on the page an expired link opens ("ask Example Agents for a new one"). <see cref="PublicUrl"/>: the scheme
/// and host links start with (e.g. <c>https://billing.example.com</c>) when the silo is behind a proxy; left out,
/// the request's own scheme and host.
/// </summary>
public sealed class PortalOptions
{
    public const string Section = "Witn:Portal";

    public string? SigningKey { get; set; }

    public string? VendorName { get; set; }

    public Uri? PublicUrl { get; set; }
}
