using System.Security.Cryptography;
using System.Text;

namespace Witn.Api.Pages;

/// <summary>
/// The one stylesheet of every page (<c>Pages/pages.css</c>, embedded), inlined by <see cref="PageLayout"/> so that a
/// page saved, mailed or printed is complete on its own; <see cref="ContentSecurityPolicy"/> allows exactly it.
/// </summary>
public static class PageStyles
{
    public static string Css { get; } = Load();

    /// <summary>No script, no frame, no other origin: only this stylesheet (by hash), same-origin links and forms.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'; "
        + "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static string Load()
    {
        using var stream = typeof(PageStyles).Assembly.GetManifestResourceStream("Witn.Api.Pages.pages.css")
            ?? throw new InvalidOperationException("the embedded stylesheet Witn.Api.Pages.pages.css is missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
