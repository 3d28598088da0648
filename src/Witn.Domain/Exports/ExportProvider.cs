namespace Witn.Domain.Exports;

/// <summary>The payment and rating back ends finalized money is handed to.</summary>
public enum ExportProvider
{
    Stripe,
    Lago,
}
