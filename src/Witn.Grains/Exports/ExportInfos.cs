using Witn.Abstractions.Exports;
using Witn.Domain.Exports;
using Witn.Storage.Exports;

namespace Witn.Grains.Exports;

/// <summary>Stored export and reconciliation rows as the API's wire types.</summary>
public static class ExportInfos
{
    public static ExportInfo From(ExportRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Provider, r.Subject, r.SubjectId, r.TenantId, ExportNames.Of(r.Status), r.Attempts, r.ProviderId, r.LastError, r.CreatedAt, r.ExportedAt,
            r.Status == ExportStatus.Pending ? r.NextAttemptAt : null, r.Method);
    }

    public static ReconciliationInfo From(ReconciliationRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Provider, r.PeriodStart, r.Tenants, r.Trigger, r.Status, r.Error, r.Counts, r.CreatedAt, r.FinishedAt);
    }

    public static ReconciliationFindingInfo From(ReconciliationFindingRow f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Seq, f.TenantId, f.InvoiceId, f.InvoiceNumber, f.Line, f.Kind, Amount(f.LedgerMinor, f.Currency), Amount(f.ProviderMinor, f.Currency), f.Currency, f.ProviderRef, f.Note);
    }

    private static decimal? Amount(long? minor, string? currency) =>
        minor is { } m && currency is { } c ? Witn.Storage.Ledger.Money.FromMinorUnits(m, c) : null;
}
