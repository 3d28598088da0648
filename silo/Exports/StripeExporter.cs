using System.Text.Json;
using Stripe;
using Witn.Domain.Exports;
using Witn.Storage.Exports;
using Witn.Storage.Tenants;

namespace Witn.Silo.Exports;

/// <summary>
/// Hands a finalized invoice to Stripe with the official client (docs/payments.md): a draft Stripe invoice for the
/// tenant's customer that takes no pending items, one item per line attached to it by id, then finalization when
/// the tenant's <c>auto_advance</c> is on. Each request carries an idempotency key derived from the invoice (and line),
/// so a retry within Stripe's 24 hours is answered with the first response; each created id is recorded before the
/// next request, and an export first tried longer ago than <see cref="ExportOptions.LookupAfter"/> lists what Stripe
/// holds (by metadata) before creating anything, so no retry, crash or expired key makes a second item or invoice.
/// </summary>
public sealed class StripeExporter(PaymentProviders providers, ExportStore store, TenantStore tenants, ExportOptions options, ExportRateGate gate, HttpClient http, TimeProvider time)
{
    private static readonly JsonSerializerOptions ProgressJson = new(JsonSerializerDefaults.Web);

    private IStripeClient Client() => new StripeClient(new StripeClientOptions
    {
        ApiKey = providers.StripeApiKey?.Use() ?? throw new ExportRefusedException("the cluster has no Stripe API key: start the silos with WITN_STRIPE_API_KEY (or --stripe-api-key-file), then retry the export"),
        ApiBase = providers.StripeApiBase.ToString().TrimEnd('/'),
        HttpClient = new SystemNetHttpClient(http, maxNetworkRetries: 0, appInfo: null, enableTelemetry: false),
    });

    public async Task<string> ExportInvoiceAsync(ClaimedExport export, CancellationToken cancellationToken)
    {
        var client = Client();
        var row = await store.GetInvoiceAsync(export.SubjectId, cancellationToken) ?? throw new ExportRefusedException($"invoice {export.SubjectId} is not a finalized invoice");
        var invoice = ExportDocuments.Read(row);
        var progress = JsonSerializer.Deserialize<StripeProgress>(export.Progress, ProgressJson) is { Items: not null } p ? p : StripeProgress.Empty;
        // The settings of the first attempt, kept; a retry asked for by hand before any invoice exists at Stripe takes
        // the current ones (the fix of a refused customer, say).
        var billing = progress.Billing is { } kept && !(export.Round > 0 && progress.Invoice is null)
            ? kept
            : (await tenants.GetAsync(export.TenantId, cancellationToken))?.Stripe
                ?? throw new ExportRefusedException($"tenant {export.TenantId} has no stripe settings any more: set them with PUT /v1/tenants/{export.TenantId}, then retry");
        if (progress.Billing != billing)
        {
            progress = progress with { Billing = billing };
            await SaveAsync(export, progress, cancellationToken);
        }

        // Past Stripe's key retention, or in a round asked for by hand (new keys), what Stripe holds is looked up first.
        var lookUp = export.Round > 0 || time.GetUtcNow() - export.FirstAttemptAt > options.LookupAfter;
        var invoices = new InvoiceService(client);
        var items = new InvoiceItemService(client);

        if (progress.Invoice is null && lookUp)
        {
            progress = progress with { Invoice = await FindInvoiceAsync(invoices, billing.CustomerId, invoice.Id, cancellationToken) };
        }

        if (progress.Invoice is null)
        {
            await gate.WaitAsync(ExportProvider.Stripe, cancellationToken);
            var created = await invoices.CreateAsync(
                new InvoiceCreateOptions
                {
                    Customer = billing.CustomerId,
                    Currency = invoice.Currency.ToLowerInvariant(),
                    CollectionMethod = billing.CollectionName,
                    DaysUntilDue = billing.DaysUntilDue,
                    AutoAdvance = false,
                    PendingInvoiceItemsBehavior = "exclude",
                    Description = $"Invoice {invoice.Number}",
                    Metadata = new Dictionary<string, string>(StripePlan.InvoiceMetadata(invoice)),
                },
                new RequestOptions { IdempotencyKey = StripePlan.InvoiceKey(invoice.Id, export.Round) },
                cancellationToken);
            progress = progress with { Invoice = created.Id };
            await SaveAsync(export, progress, cancellationToken);
        }

        var (creditNoted, undecided) = await store.CreditNotesOnPeriodAsync(invoice.TenantId, row.PeriodStart, cancellationToken);
        if (undecided > 0)
        {
            // A credit on this invoice may still become a credit note on an earlier Stripe invoice: decided first, so it is sent once.
            throw new ExportNotReadyException($"waiting for {undecided} credit(s) on this invoice to be sent to Stripe first");
        }

        var planned = StripePlan.Items(invoice, options.PublicUrl.Length > 0 ? options.PublicUrl : null, export.Round, creditNoted);
        if (lookUp && planned.Any(i => !progress.Items.ContainsKey(Key(i.Line))))
        {
            foreach (var held in (await ListProviderLinesAsync(progress.Invoice!, cancellationToken)).Where(l => l.Line is not null))
            {
                progress.Items.TryAdd(Key(held.Line!.Value), held.Id);
            }
        }

        foreach (var item in planned.Where(i => !progress.Items.ContainsKey(Key(i.Line))))
        {
            await gate.WaitAsync(ExportProvider.Stripe, cancellationToken);
            var created = await items.CreateAsync(
                new InvoiceItemCreateOptions
                {
                    Customer = billing.CustomerId,
                    Invoice = progress.Invoice,
                    Amount = item.AmountMinor,
                    Currency = item.Currency,
                    Description = item.Description,
                    Metadata = new Dictionary<string, string>(item.Metadata),
                },
                new RequestOptions { IdempotencyKey = item.IdempotencyKey },
                cancellationToken);
            progress.Items[Key(item.Line)] = created.Id;
            await SaveAsync(export, progress, cancellationToken);
        }

        if (billing.AutoAdvance && !progress.Finalized)
        {
            var already = false;
            if (lookUp)
            {
                await gate.WaitAsync(ExportProvider.Stripe, cancellationToken);
                already = (await invoices.GetAsync(progress.Invoice, null, null, cancellationToken)).Status != "draft";
            }

            if (!already)
            {
                await gate.WaitAsync(ExportProvider.Stripe, cancellationToken);
                await invoices.FinalizeInvoiceAsync(progress.Invoice, new InvoiceFinalizeOptions { AutoAdvance = true },
                    new RequestOptions { IdempotencyKey = StripePlan.FinalizeKey(invoice.Id, export.Round) }, cancellationToken);
            }

            progress = progress with { Finalized = true };
            await SaveAsync(export, progress, cancellationToken);
        }

        return progress.Invoice!;
    }

    /// <summary>
    /// Hands a credit issued after its charge's invoice was final to Stripe (docs/payments.md#credits-after-finalization):
    /// a credit note on the charge's Stripe invoice while that invoice is open, otherwise nothing now — the next
    /// invoice's negative line carries it. Returns the credit note's id (null for the next invoice) and the method.
    /// </summary>
    public async Task<(string? ProviderId, CreditMethod Method, string Why)> ExportCreditAsync(ClaimedExport export, CancellationToken cancellationToken)
    {
        var credit = await store.GetCreditAsync(export.SubjectId, cancellationToken) ?? throw new ExportRefusedException($"credit {export.SubjectId} is not in the ledger");
        if (credit.ChargeInvoiceExportStatus == "pending")
        {
            throw new ExportNotReadyException($"waiting for invoice {credit.ChargeInvoiceId}'s own export to Stripe");
        }

        var client = Client();
        var decided = JsonSerializer.Deserialize<CreditDecision>(export.Progress, ProgressJson);
        CreditMethod method;
        string why;
        if (decided is { Method: "credit_note", Why: { } earlier })
        {
            // Decided by an earlier attempt: never decided again, or a note whose answer was lost could be followed by
            // a second route once the invoice reads paid (a note that brings amount_due to 0 makes it paid).
            (method, why) = (CreditMethod.CreditNote, earlier);
        }
        else
        {
            string? status = null;
            if (credit is { ChargeInvoiceExportStatus: "exported", ChargeStripeInvoice: { } stripeInvoice } && credit.AmountMinor is not null)
            {
                await gate.WaitAsync(ExportProvider.Stripe, cancellationToken);
                status = (await new InvoiceService(client).GetAsync(stripeInvoice, null, null, cancellationToken)).Status;
            }

            (method, why) = CreditRouting.Decide(credit.AmountMinor, status);
            if (method == CreditMethod.NextInvoice)
            {
                return (null, method, why);
            }

            if (!await store.SaveProgressAsync(export, JsonSerializer.Serialize(new CreditDecision("credit_note", why), ProgressJson), null, cancellationToken))
            {
                throw new ExportLeaseLostException();
            }
        }

        var notes = new CreditNoteService(client);
        // A later attempt looks first: the note of an attempt whose answer was lost may be there.
        var lookUp = export.Attempt > 1 || export.Round > 0 || time.GetUtcNow() - export.FirstAttemptAt > options.LookupAfter;
        if (lookUp && await FindCreditNoteAsync(credit.ChargeStripeInvoice!, credit.Id, cancellationToken) is { } found)
        {
            return (found.Id, method, why);
        }

        await gate.WaitAsync(ExportProvider.Stripe, cancellationToken);
        var note = await notes.CreateAsync(
            new CreditNoteCreateOptions
            {
                Invoice = credit.ChargeStripeInvoice,
                Amount = credit.AmountMinor,
                Reason = CreditRouting.StripeReason(credit.Reason),
                Memo = $"Witn credit for charge {credit.ChargeId}: {credit.Reason}",
                Metadata = new Dictionary<string, string> { ["witn_credit_id"] = credit.Id.ToString(), ["witn_charge_id"] = credit.ChargeId.ToString() },
            },
            new RequestOptions { IdempotencyKey = StripePlan.CreditNoteKey(credit.Id, export.Round) },
            cancellationToken);
        return (note.Id, method, why);
    }

    /// <summary>The credit notes Stripe holds on <paramref name="stripeInvoice"/> (list calls): id, the Witn credit its metadata names, amount.</summary>
    public async Task<IReadOnlyList<(string Id, string? CreditId, long Amount, string Currency)>> ListCreditNotesAsync(string stripeInvoice, CancellationToken cancellationToken)
    {
        var notes = new CreditNoteService(Client());
        var list = new List<(string, string?, long, string)>();
        string? after = null;
        while (true)
        {
            await gate.WaitAsync(ExportProvider.Stripe, cancellationToken);
            var page = await notes.ListAsync(new CreditNoteListOptions { Invoice = stripeInvoice, Limit = 100, StartingAfter = after }, null, cancellationToken);
            list.AddRange(page.Data.Select(n => (n.Id, n.Metadata is { } m && m.TryGetValue("witn_credit_id", out var c) ? c : null, n.Amount, n.Currency ?? "")));
            if (!page.HasMore || page.Data.Count == 0)
            {
                return list;
            }

            after = page.Data[^1].Id;
        }
    }

    private async Task<(string Id, string? CreditId, long Amount, string Currency)?> FindCreditNoteAsync(string stripeInvoice, Guid creditId, CancellationToken cancellationToken)
    {
        var wanted = creditId.ToString();
        return (await ListCreditNotesAsync(stripeInvoice, cancellationToken)).Where(n => n.CreditId == wanted).Select(n => ((string, string?, long, string)?)n).FirstOrDefault();
    }

    /// <summary>Serialises progress for the export row.</summary>
    public static string Text(StripeProgress progress) => JsonSerializer.Serialize(progress, ProgressJson);

    /// <summary>Every item Stripe holds on <paramref name="stripeInvoice"/>, with the Witn line its metadata names (null: none). List calls, never search.</summary>
    public async Task<IReadOnlyList<ProviderLine>> ListProviderLinesAsync(string stripeInvoice, CancellationToken cancellationToken)
    {
        var items = new InvoiceItemService(Client());
        var lines = new List<ProviderLine>();
        string? after = null;
        while (true)
        {
            await gate.WaitAsync(ExportProvider.Stripe, cancellationToken);
            var page = await items.ListAsync(new InvoiceItemListOptions { Invoice = stripeInvoice, Limit = 100, StartingAfter = after }, null, cancellationToken);
            foreach (var item in page.Data)
            {
                int? line = item.Metadata is { } m && m.TryGetValue(StripePlan.LineKey, out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
                lines.Add(new ProviderLine(item.Id, line, item.Amount, item.Currency ?? ""));
            }

            if (!page.HasMore || page.Data.Count == 0)
            {
                return lines;
            }

            after = page.Data[^1].Id;
        }
    }

    private async Task<string?> FindInvoiceAsync(InvoiceService invoices, string customer, Guid invoiceId, CancellationToken cancellationToken)
    {
        string? after = null;
        var wanted = invoiceId.ToString();
        while (true)
        {
            await gate.WaitAsync(ExportProvider.Stripe, cancellationToken);
            var page = await invoices.ListAsync(new InvoiceListOptions { Customer = customer, Limit = 100, StartingAfter = after }, null, cancellationToken);
            if (page.Data.FirstOrDefault(i => i.Metadata is { } m && m.TryGetValue(StripePlan.InvoiceIdKey, out var id) && id == wanted) is { } found)
            {
                return found.Id;
            }

            if (!page.HasMore || page.Data.Count == 0)
            {
                return null;
            }

            after = page.Data[^1].Id;
        }
    }

    private async Task SaveAsync(ClaimedExport export, StripeProgress progress, CancellationToken cancellationToken)
    {
        if (!await store.SaveProgressAsync(export, Text(progress), progress.Invoice, cancellationToken))
        {
            throw new ExportLeaseLostException();
        }
    }

    private static string Key(int line) => line.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
