using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;
using Witn.Domain.Common;

namespace Witn.Api.Portal;

/// <summary>Refuses a signing key too short to be a secret (or not base64) and a vendor name no page could show.</summary>
public sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new SettingChecks(PortalOptions.Section);
        if (options.SigningKey is { } key && PortalSigner.Decode(key) is null)
        {
            checks.Fail($"{checks.Key(nameof(options.SigningKey))} is not base64 of at least {PortalSigner.MinKeyBytes} bytes; "
                + "generate one with 'openssl rand -base64 32', or leave it out to use the key the cluster keeps in PostgreSQL");
        }

        if (options.VendorName is { } vendor && (vendor.Trim().Length == 0 || vendor.Length > FieldLimits.MaxNameLength))
        {
            checks.Fail($"{checks.Key(nameof(options.VendorName))} is '{vendor}'; use a name of 1 to {FieldLimits.MaxNameLength} characters, e.g. Example Agents Inc.");
        }

        if (options.PublicUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.PathAndQuery != "/"))
        {
            checks.Fail($"{checks.Key(nameof(options.PublicUrl))} is '{url}'; use the scheme and host the customers' browsers reach, e.g. https://billing.example.com");
        }

        return checks.Result;
    }
}
