using Witn.Silo.Exports;
using Witn.Silo.Options;

namespace Witn.Testing.Silo.Providers;

/// <summary>A test silo connected to a fake Stripe and a fake Lago (real HTTP servers in this process), with quick retries.</summary>
public sealed class PaymentsSilo() : InProcessSilo(new Dictionary<string, string?>
{
    ["Witn:Exports:PollInterval"] = "00:00:00.100",
    ["Witn:Exports:RetryBaseDelay"] = "00:00:00.050",
    ["Witn:Exports:RetryMaxDelay"] = "00:00:00.200",
    ["Witn:Exports:RequestTimeout"] = "00:00:01",
    ["Witn:Exports:Lease"] = "00:00:20",
    ["Witn:Webhooks:PollInterval"] = "00:00:00.100",
})
{
    public FakeStripe Stripe { get; } = new();

    public FakeLago Lago { get; } = new();

    public override async ValueTask InitializeAsync()
    {
        await Stripe.InitializeAsync();
        await Lago.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
        await Lago.DisposeAsync();
    }

    protected override SiloSettings Adjust(SiloSettings settings) => settings with
    {
        Payments = new PaymentProviders(new ProviderSecret(FakeStripe.Key), Stripe.BaseAddress, Lago.BaseAddress, new ProviderSecret(FakeLago.Key)),
    };
}
