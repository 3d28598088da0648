using Witn.Abstractions.Exports;
using Witn.Domain.Money;

namespace Witn.Api.Exports;

/// <summary>One finding with both sides' figures as amounts of the currency (null where a side holds nothing).</summary>
public sealed record ReconciliationFindingResponse(
    int Seq, string TenantId, Guid? InvoiceId, string? InvoiceNumber, int? Line, string Kind, string? LedgerAmount, string? ProviderAmount,
    string? Currency, string? ProviderRef, string? Note)
{
    public static ReconciliationFindingResponse From(ReconciliationFindingInfo f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Seq, f.TenantId, f.InvoiceId, f.InvoiceNumber, f.Line, f.Kind, MoneyFormat.Text(f.LedgerAmount, f.Currency), MoneyFormat.Text(f.ProviderAmount, f.Currency), f.Currency, f.ProviderRef, f.Note);
    }
}
