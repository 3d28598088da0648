using Microsoft.Extensions.Options;
using Witn.Domain.Exports;
using Witn.Silo.Hosting;
using Witn.Storage.Exports;

namespace Witn.Silo.Exports;

/// <summary>
/// Runs reconciliations: asks for each connected provider's daily run, claims the oldest pending run (one silo per
/// run, by lease), and compares every exported invoice (Stripe: its items, fetched with list calls — search is not
/// read-after-write) or exported charge (Lago: its event) with the ledger. It writes findings and never corrects.
/// </summary>
public sealed partial class ReconciliationService(
    ReconciliationStore runs,
    ExportStore exports,
    StripeExporter stripe,
    LagoExporter lago,
    PaymentProviders providers,
    IOptions<ExportOptions> options,
    TimeProvider time,
    ILogger<ReconciliationService> logger) : BackgroundService
{
    private readonly ExportOptions _options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingRounds.RunAsync(RoundAsync, _options.PollInterval, time, e => RoundFailed(logger, e), stoppingToken);

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - _options.ReconcileEvery;
        if (providers.StripeConnected)
        {
            await runs.EnsureDailyAsync("stripe", since, cancellationToken);
        }

        if (providers.LagoConnected)
        {
            await runs.EnsureDailyAsync("lago", since, cancellationToken);
        }

        // A run may read many invoices: its lease is six export leases (an hour by default).
        while (await runs.ClaimAsync(_options.Lease * 6, cancellationToken) is { } claimed)
        {
            await RunAsync(claimed.Run, claimed.LeaseToken, cancellationToken);
        }
    }

    private async Task RunAsync(ReconciliationRow run, Guid leaseToken, CancellationToken cancellationToken)
    {
        try
        {
            var findings = run.Provider == "stripe" ? await StripeAsync(run, cancellationToken) : await LagoAsync(run, cancellationToken);
            if (await runs.FinishAsync(run.Id, leaseToken, findings, cancellationToken))
            {
                Finished(logger, run.Id, run.Provider, findings.Count, findings.Count(f => f.Kind != "matched"));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await runs.FailAsync(run.Id, leaseToken, e is Stripe.StripeException s ? $"Stripe: {s.StripeError?.Message ?? s.Message}" : e.Message, cancellationToken);
        }
    }

    private async Task<List<ReconciliationFindingRow>> StripeAsync(ReconciliationRow run, CancellationToken cancellationToken)
    {
        var findings = new List<ReconciliationFindingRow>();
        foreach (var exported in await exports.ListExportedInvoicesAsync("stripe", run.PeriodStart, run.Tenants, cancellationToken))
        {
            var invoice = ExportDocuments.Read(exported.Invoice);
            var held = exported.ProviderId is { } id ? await stripe.ListProviderLinesAsync(id, cancellationToken) : [];
            // Stripe holds the lines less the credits sent as credit notes earlier: the same rule the exporter used.
            var (creditNoted, _) = await exports.CreditNotesOnPeriodAsync(invoice.TenantId, exported.Invoice.PeriodStart, cancellationToken);
            foreach (var f in Reconciliation.Compare(StripePlan.Lines(invoice, creditNoted), held, invoice.Currency))
            {
                findings.Add(Row(findings.Count + 1, invoice.TenantId, invoice.Id, invoice.Number, f));
            }
        }

        // Each credit sent as a credit note: the note Stripe holds on the charge's invoice, to the cent.
        var notesByInvoice = new Dictionary<string, IReadOnlyList<(string Id, string? CreditId, long Amount, string Currency)>>(StringComparer.Ordinal);
        foreach (var (credit, note) in await exports.ListCreditNotesAsync(run.Tenants, cancellationToken))
        {
            if (credit.ChargeStripeInvoice is not { } on)
            {
                continue;
            }

            if (!notesByInvoice.TryGetValue(on, out var notes))
            {
                notesByInvoice[on] = notes = await stripe.ListCreditNotesAsync(on, cancellationToken);
            }

            var held = notes.Where(n => n.CreditId == credit.Id.ToString()).ToList();
            var currency = credit.Currency ?? "";
            var finding = held.Count == 0
                ? new ReconciliationFinding(ReconciliationKind.MissingAtProvider, null, credit.AmountMinor, null, currency, note, $"no credit note on {on} for credit {credit.Id}")
                : held[0].Amount == credit.AmountMinor
                    ? new ReconciliationFinding(ReconciliationKind.Matched, null, credit.AmountMinor, held[0].Amount, currency, held[0].Id, $"credit note for credit {credit.Id}")
                    : new ReconciliationFinding(ReconciliationKind.AmountMismatch, null, credit.AmountMinor, held[0].Amount, currency, held[0].Id, $"credit note for credit {credit.Id}");
            findings.Add(Row(findings.Count + 1, credit.TenantId, credit.ChargeInvoiceId, null, finding));
        }

        return findings;
    }

    private async Task<List<ReconciliationFindingRow>> LagoAsync(ReconciliationRow run, CancellationToken cancellationToken)
    {
        var findings = new List<ReconciliationFindingRow>();
        foreach (var (_, charge) in await exports.ListExportedChargesAsync(run.PeriodStart, run.Tenants, cancellationToken))
        {
            var (found, amount, currency) = await lago.GetEventAsync(charge.Id, cancellationToken);
            var kind = !found ? ReconciliationKind.MissingAtProvider
                : amount == charge.AmountMinor && (charge.Currency is null || string.Equals(currency, charge.Currency, StringComparison.OrdinalIgnoreCase)) ? ReconciliationKind.Matched
                : ReconciliationKind.AmountMismatch;
            var finding = new ReconciliationFinding(kind, null, charge.AmountMinor, found ? amount : null, charge.Currency ?? "", charge.Id.ToString(),
                kind == ReconciliationKind.MissingAtProvider ? "Lago holds no event with this charge's transaction_id" : null);
            findings.Add(Row(findings.Count + 1, charge.TenantId, null, null, finding));
        }

        return findings;
    }

    private static ReconciliationFindingRow Row(int seq, string tenant, Guid? invoiceId, string? number, ReconciliationFinding f) =>
        new(seq, tenant, invoiceId, number, f.Line, ReconciliationNames.Of(f.Kind), f.LedgerMinor, f.ProviderMinor, f.Currency.Length == 3 ? f.Currency.ToUpperInvariant() : null, f.ProviderRef, f.Note);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation round failed; the run is taken again when its lease ends")]
    private static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation {Id} with {Provider}: {Findings} findings, {Mismatches} not matched")]
    private static partial void Finished(ILogger logger, Guid id, string provider, int findings, int mismatches);
}
