using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Witn.Storage.Access;

namespace Witn.Api.Tests;

/// <summary>
/// The host whose key store runs on a fake clock that starts now: tests move it past a key's expiry or its last
/// use. Only the keys' clock is fake (as in the grain tests): Orleans' membership and timers need real time.
/// </summary>
public sealed class KeyClockSilo : InProcessSilo
{
    public KeyClockSilo()
        : this(new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())))
    {
    }

    private KeyClockSilo(FakeTimeProvider time)
        : base(new Dictionary<string, string?>(), b => b.Services.Replace(ServiceDescriptor.Singleton(sp => new ApiKeyStore(sp.GetRequiredService<NpgsqlDataSource>(), time))))
        => Time = time;

    public FakeTimeProvider Time { get; }
}
