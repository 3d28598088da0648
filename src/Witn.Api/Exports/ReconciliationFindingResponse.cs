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
        return new(f.Seq, f.TenantId, f.InvoiceId, f.InvoiceNumber, f.Line, f.Kind, Amount(f.LedgerMinor, f.Currency), Amount(f.ProviderMinor, f.Currency), f.Currency, f.ProviderRef, f.Note);
    }

    private static string? Amount(long? minor, string? currency) =>
        minor is { } m && currency is { } c && Currencies.TryGetExponent(c, out var exponent)
            ? MoneyFormat.Text(m / (decimal)Math.Pow(10, exponent), c)
            : minor?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
