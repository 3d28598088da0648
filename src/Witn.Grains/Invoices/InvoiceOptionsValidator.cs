using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;

namespace Witn.Grains.Invoices;

/// <summary>Refuses an automatic finalizer that could never run.</summary>
public sealed class InvoiceOptionsValidator : IValidateOptions<InvoiceOptions>
{
    public ValidateOptionsResult Validate(string? name, InvoiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SettingChecks(InvoiceOptions.Section)
            .Positive(nameof(options.FinalizePollInterval), options.FinalizePollInterval, "00:00:30")
            .Result;
    }
}
