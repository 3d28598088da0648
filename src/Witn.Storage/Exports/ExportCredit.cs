namespace Witn.Storage.Exports;

/// <summary>
/// A credit issued after its charge's invoice was final, with what its Stripe export needs: the credit, and the Stripe
/// export of the charge's invoice (null status: that invoice has no Stripe export).
/// </summary>
public sealed record ExportCredit(
    Guid Id, string TenantId, Guid ChargeId, string Reason, long? AmountMinor, string? Currency, Guid? ChargeInvoiceId,
    string? ChargeInvoiceExportStatus, string? ChargeStripeInvoice);
