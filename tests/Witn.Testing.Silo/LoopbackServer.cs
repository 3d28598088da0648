using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Witn.Testing;

namespace Witn.Testing.Silo;

/// <summary>
/// A real HTTP server on a free loopback port, for the services tests stand in for (a webhook receiver, Stripe,
/// Lago): <paramref name="map"/> gives it its routes.
/// </summary>
public static class LoopbackServer
{
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var port = FreePorts.Take(1)[0];
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, new Uri($"http://127.0.0.1:{port}"));
    }
}
