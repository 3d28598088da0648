namespace Witn.Silo.Exports;

/// <summary>
/// The cluster's connections to Stripe and Lago (<c>--stripe-api-key</c>, <c>--stripe-api-base</c>, <c>--lago-api-url</c>,
/// <c>--lago-api-key</c>, or their <c>WITN_*</c> variables and <c>*_FILE</c> forms). A provider without a key is not
/// connected: its exports fail with a message saying which setting to give, and can be retried once it is.
/// </summary>
public sealed record PaymentProviders(ProviderSecret? StripeApiKey, Uri StripeApiBase, Uri? LagoApiUrl, ProviderSecret? LagoApiKey)
{
    public static Uri DefaultStripeApiBase { get; } = new("https://api.stripe.com");

    public static PaymentProviders None { get; } = new(null, DefaultStripeApiBase, null, null);

    public bool StripeConnected => StripeApiKey is not null;

    public bool LagoConnected => LagoApiUrl is not null && LagoApiKey is not null;
}
