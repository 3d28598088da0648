using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Witn.Api.Portal;

namespace Witn.Api.Tests.Portal;

/// <summary>The session cookie's attributes, including behind a proxy that ends TLS (the silo sees plain HTTP).</summary>
public sealed class PortalCookieTests
{
    [Theory]
    [InlineData(null, false, false)]
    [InlineData(null, true, true)]
    [InlineData("http://billing.example.com", false, false)]
    [InlineData("https://billing.example.com", false, true)]
    public void the_cookie_is_secure_over_https_or_when_the_public_url_is_https(string? publicUrl, bool https, bool secure)
    {
        var services = new ServiceCollection()
            .AddSingleton(Options.Create(new PortalOptions { PublicUrl = publicUrl is null ? null : new Uri(publicUrl) }))
            .BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Scheme = https ? "https" : "http";

        PortalCookie.Set(http.Response, "token", new PortalSession("acme", "0123456789abcdef", DateTimeOffset.UnixEpoch.AddDays(20000)));

        var cookie = http.Response.Headers.SetCookie.ToString();
        Assert.StartsWith("witn_portal=token;", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/portal/acme", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
        Assert.Equal(secure, cookie.Contains("secure", StringComparison.Ordinal));
    }
}
