using Witn.Domain.Access;

namespace Witn.Client;

/// <summary>Where the Witn HTTP API is and which key to send. Checked by <see cref="Validate"/> before first use.</summary>
public sealed class WitnHttpClientOptions
{
    /// <summary>The silo's HTTP address, e.g. <c>http://127.0.0.1:5080</c> (a path prefix behind a proxy is kept).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// The API key sent as <c>Authorization: Bearer</c> (<c>wk_&lt;id&gt;_&lt;secret&gt;</c>). Optional: without one
    /// only the unauthenticated routes (readiness) work.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one request may take; 30 seconds by default.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming what to fix when the options cannot work.</summary>
    public void Validate()
    {
        if (BaseAddress is null)
        {
            throw new ArgumentException("WitnHttpClientOptions.BaseAddress is required: set it to the silo's HTTP address, e.g. http://127.0.0.1:5080", nameof(BaseAddress));
        }

        if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"WitnHttpClientOptions.BaseAddress '{BaseAddress}' must be an absolute http:// or https:// address, e.g. http://127.0.0.1:5080", nameof(BaseAddress));
        }

        if (ApiKey is not null && !ApiKeyToken.TryParse(ApiKey, out _))
        {
            throw new ArgumentException("WitnHttpClientOptions.ApiKey is not a Witn API key (keys look like wk_<16 hex digits>_<secret>): use the key printed at the silo's first start (<data-dir>/admin.key) or one created with POST /v1/keys", nameof(ApiKey));
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"WitnHttpClientOptions.Timeout must be positive (or infinite), not {Timeout}", nameof(Timeout));
        }
    }
}
