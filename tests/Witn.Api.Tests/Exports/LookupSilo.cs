using Witn.Silo.Exports;
using Witn.Silo.Options;
using Witn.Testing.Silo.Providers;

namespace Witn.Api.Tests.Exports;

/// <summary>
/// A test silo whose exports look up what Stripe holds from their second attempt on (<c>LookupAfter</c> of a
/// millisecond stands for "first tried more than 23 hours ago"), against a fake Stripe.
/// </summary>
public sealed class LookupSilo() : InProcessSilo(new Dictionary<string, string?>
{
    ["Witn:Exports:PollInterval"] = "00:00:00.100",
    ["Witn:Exports:RetryBaseDelay"] = "00:00:00.050",
    ["Witn:Exports:RetryMaxDelay"] = "00:00:00.200",
    ["Witn:Exports:LookupAfter"] = "00:00:00.001",
    ["Witn:Webhooks:PollInterval"] = "00:00:00.100",
})
{
    public FakeStripe Stripe { get; } = new();

    public override async ValueTask InitializeAsync()
    {
        await Stripe.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }

    protected override SiloSettings Adjust(SiloSettings settings) => settings with
    {
        Payments = new PaymentProviders(new ProviderSecret(FakeStripe.Key), Stripe.BaseAddress, null, null),
    };
}
