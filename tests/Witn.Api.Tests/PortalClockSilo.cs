using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Witn.Api.Portal;

namespace Witn.Api.Tests;

/// <summary>
/// The host whose portal links are signed and checked on a fake clock that starts now: tests move it past a link's
/// end. Only the portal's clock is fake (as for the keys' clock in <see cref="KeyClockSilo"/>).
/// </summary>
public sealed class PortalClockSilo : InProcessSilo
{
    public PortalClockSilo()
        : this(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds())))
    {
    }

    private PortalClockSilo(FakeTimeProvider time)
        : base(new Dictionary<string, string?> { ["Witn:Portal:VendorName"] = "Example Agents" }, b => b.Services.Replace(ServiceDescriptor.Singleton(sp =>
            new PortalSigner(sp.GetRequiredService<IOptions<PortalOptions>>(), sp.GetRequiredService<IGrainFactory>(), time))))
        => Time = time;

    public FakeTimeProvider Time { get; }
}
