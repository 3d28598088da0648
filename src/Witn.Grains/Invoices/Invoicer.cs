using Witn.Abstractions.Invoices;
using Witn.Domain.Contracts;
using Witn.Domain.Invoices;
using Witn.Domain.Tenants;
using Witn.Grains.Contracts;
using Witn.Grains.Ingestion;
using Witn.Storage.Contracts;
using Witn.Storage.Invoices;
using Witn.Storage.Ledger;
using Witn.Storage.Tenants;

namespace Witn.Grains.Invoices;

/// <summary>
/// Turns a tenant's period into an invoice: the ledger's running totals for the period, priced by the contract
/// version each charge was committed under, meters aggregated over the log, rated by the domain's
/// <see cref="InvoiceRater"/> and written by <see cref="InvoiceJson"/>. Period-level terms (base fee, cap, minimum
/// commitment) come from the version in force when the period starts.
/// </summary>
public sealed class Invoicer(
    InvoiceStore store, ContractStore contractStore, ContractBook book, TenantStore tenants, TenantDirectory directory, TimeProvider time, InvoiceMetrics? metrics = null)
{
    /// <summary>How many periods a list goes back at most.</summary>
    public const int MaxListed = 120;

    public async Task<InvoiceList> ListAsync(string tenantId)
    {
        var (problem, tenant, billing) = await ResolveTenantAsync(tenantId);
        if (problem is not null)
        {
            return new InvoiceList(problem.Result, [], problem.Message, problem.Hint);
        }

        var versions = await contractStore.ListAsync(tenantId);
        var now = tenant!.Now(time);
        var finals = (await store.ListFinalAsync(tenantId)).ToDictionary(f => f.PeriodStart);

        // Every period from the first contract's start to the current one, plus any later period a ledger row
        // already landed on (a charge moved past a finalized period).
        var starts = new SortedSet<DateTimeOffset>();
        var contractStart = versions.Min(v => v.EffectiveFrom);
        var first = BillingPeriods.Containing(billing!, contractStart);
        var current = BillingPeriods.Containing(billing!, now);
        for (var p = first; p.Start <= current.Start; p = BillingPeriods.Next(billing!, p))
        {
            // The newest periods are the ones listed: drop the oldest beyond the limit.
            starts.Add(p.Start);
            if (starts.Count > MaxListed)
            {
                starts.Remove(starts.Min);
            }
        }

        // A ledger row on a period before the contract (a charge kept unpriced) puts no invoice there.
        foreach (var row in await store.ListPeriodsAsync(tenantId))
        {
            if (new PeriodRange(row.Start, row.End).HasContractFrom(contractStart))
            {
                starts.Add(row.Start);
            }
        }

        var summaries = new List<InvoiceSummary>();
        foreach (var start in starts.Reverse().Take(MaxListed))
        {
            var range = BillingPeriods.Containing(billing!, start);
            var local = BillingPeriods.LocalStart(billing!, range);
            if (finals.TryGetValue(range.Start, out var final))
            {
                summaries.Add(new InvoiceSummary(local, range.Start, range.End, "final", final.Number, final.Currency,
                    Domain.Money.MoneyFormat.Text(Storage.Ledger.Money.FromMinorUnits(final.TotalMinor, final.Currency), final.Currency)));
                continue;
            }

            var (rated, _) = await RateAsync(tenantId, versions, range);
            summaries.Add(new InvoiceSummary(local, range.Start, range.End, "draft", null, rated.Currency,
                Domain.Money.MoneyFormat.Text(rated.Total, rated.Currency)));
        }

        return new InvoiceList(InvoiceResult.Ok, [.. summaries], null, null);
    }

    public async Task<InvoiceReply> GetAsync(string tenantId, DateOnly periodStart)
    {
        var resolved = await ResolvePeriodAsync(tenantId, periodStart);
        if (resolved.Problem is { } problem)
        {
            return problem;
        }

        var (billing, range, versions) = (resolved.Billing!, resolved.Range!, resolved.Versions!);
        var (final, usage) = await store.ReadPeriodAsync(tenantId, range.Start);
        if (final is not null)
        {
            return new InvoiceReply(InvoiceResult.Ok, final.Document, null, null);
        }

        var draft = await RenderAsync(tenantId, versions, billing, range, usage, "draft", null, null);
        return new InvoiceReply(InvoiceResult.Ok, draft.Json, null, null);
    }

    public async Task<InvoiceReply> FinalizeAsync(string tenantId, DateOnly periodStart)
    {
        var resolved = await ResolvePeriodAsync(tenantId, periodStart);
        if (resolved.Problem is { } problem)
        {
            return problem;
        }

        var (billing, range, versions) = (resolved.Billing!, resolved.Range!, resolved.Versions!);
        if (await store.GetFinalAsync(tenantId, range.Start) is { } existing)
        {
            return new InvoiceReply(InvoiceResult.Ok, existing.Document, null, null);
        }

        // The clock from the database, not the directory's copy: a sandbox clock may have just moved.
        var tenant = (await tenants.GetAsync(tenantId))!;
        var now = tenant.Now(time);
        var finalizableAt = range.End + tenant.FinalizeGrace;
        if (now < finalizableAt)
        {
            return InvoiceReply.Problem(InvoiceResult.NotFinalizable,
                $"the period {periodStart:yyyy-MM-dd} can be finalized from {Domain.Common.Instants.Iso(finalizableAt)} (its end plus the tenant's finalize_grace of {tenant.FinalizeGrace}); it is {Domain.Common.Instants.Iso(now)} now",
                "read the draft until then, or lower the tenant's finalize_grace");
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (invoice, created) = await store.FinalizeAsync(tenantId, range, now,
            (usage, number, finalizedAt) => RenderAsync(tenantId, versions, billing, range, usage, "final", number, finalizedAt));
        if (created)
        {
            metrics?.Finalized(tenantId, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        return new InvoiceReply(created ? InvoiceResult.Created : InvoiceResult.Ok, invoice.Document, null, null);
    }

    /// <summary>Finalizes every period due for the tenants that finalize automatically (all tenants, or one).</summary>
    public async Task<int> FinalizeDueAsync(string? tenantId = null, CancellationToken cancellationToken = default)
    {
        await EnsureEndedPeriodsAsync(tenantId, cancellationToken);
        var finalized = 0;
        foreach (var due in await store.ListDueForFinalizationAsync(time.GetUtcNow(), tenantId, cancellationToken))
        {
            var versions = await contractStore.ListAsync(due.TenantId, cancellationToken);
            var range = new PeriodRange(due.Start, due.End);
            if (versions.Count == 0 || !range.HasContractFrom(versions.Min(v => v.EffectiveFrom)))
            {
                continue;
            }

            var billing = book.Book(versions[^1]).Contract.BillingPeriod;
            var now = (await tenants.GetAsync(due.TenantId, cancellationToken))!.Now(time);
            await store.FinalizeAsync(due.TenantId, range, now,
                (usage, number, finalizedAt) => RenderAsync(due.TenantId, versions, billing, range, usage, "final", number, finalizedAt),
                cancellationToken);
            finalized++;
        }

        return finalized;
    }

    /// <summary>
    /// Gives every ended period of the tenants that finalize automatically (all, or one) a row: only periods a ledger
    /// row landed on have one, but a period without charges is invoiced too (base fee, minimum commitment).
    /// </summary>
    private async Task EnsureEndedPeriodsAsync(string? tenantId, CancellationToken cancellationToken)
    {
        IReadOnlyList<Tenant> candidates = tenantId is null
            ? await tenants.ListAsync(cancellationToken)
            : await tenants.GetAsync(tenantId, cancellationToken) is { } one ? [one] : [];
        foreach (var tenant in candidates.Where(t => t.AutoFinalize))
        {
            var versions = await contractStore.ListAsync(tenant.Id, cancellationToken);
            if (versions.Count == 0)
            {
                continue;
            }

            var billing = book.Book(versions[^1]).Contract.BillingPeriod;
            var now = tenant.Now(time);
            var ended = new Queue<PeriodRange>();
            for (var p = BillingPeriods.Containing(billing, versions.Min(v => v.EffectiveFrom)); p.End + tenant.FinalizeGrace <= now; p = BillingPeriods.Next(billing, p))
            {
                ended.Enqueue(p);
                if (ended.Count > MaxListed)
                {
                    ended.Dequeue();
                }
            }

            await store.EnsurePeriodsAsync(tenant.Id, [.. ended], cancellationToken);
        }
    }

    public async Task<LineItems> GetLineItemsAsync(string tenantId, DateOnly periodStart, int line, Guid? after, int limit, bool summaries)
    {
        var resolved = await ResolvePeriodAsync(tenantId, periodStart);
        if (resolved.Problem is { } problem)
        {
            return new LineItems(problem.Result, [], problem.Message, problem.Hint);
        }

        var range = resolved.Range!;
        var (rated, _) = await RateAsync(tenantId, resolved.Versions!, range);
        var items = line >= 0 && line < rated.Lines.Count
            ? await ItemsAsync(tenantId, range, rated.Lines[line], after, limit, summaries)
            : null;
        if (items is { Count: 0 } && after is { } cursor && !await InLineAsync(tenantId, range, rated.Lines[line], cursor))
        {
            return new LineItems(InvoiceResult.UnknownAfter, [], $"'{cursor}' is no row of line {line} of the invoice for {periodStart:yyyy-MM-dd}",
                "pass the next_after of the previous page, or leave 'after' out for the first page");
        }

        return items is null
            ? new LineItems(InvoiceResult.UnknownLine, [],
                $"the invoice for {periodStart:yyyy-MM-dd} has no line {line} with ledger rows behind it",
                $"use a line number from the invoice's lines (0 to {rated.Lines.Count - 1}) whose kind is outcome, unpriced or credit")
            : new LineItems(InvoiceResult.Ok, [.. items.Select(i => new LineItemInfo(i.Id, i.ChargeId, i.Outcome, i.Correlation, i.At, i.Summary))], null, null);
    }

    private async Task<InvoiceDocument> RenderAsync(
        string tenantId, IReadOnlyList<ContractRow> versions, BillingPeriod billing, PeriodRange range, PeriodUsage usage,
        string status, string? number, DateTimeOffset? finalizedAt)
    {
        var (rated, headerVersion) = await RateAsync(tenantId, versions, range, usage);
        var refs = new List<InvoiceLineRefs?>(rated.Lines.Count);
        var disputes = finalizedAt is null ? await store.ListOpenDisputesAsync(tenantId, range.Start) : [];
        foreach (var line in rated.Lines)
        {
            refs.Add(await RefsAsync(tenantId, range, line, disputes, rated.Currency));
        }

        var json = InvoiceJson.Write(
            new InvoiceHeader(tenantId, BillingPeriods.LocalStart(billing, range), range, billing.TimeZone, status, number, headerVersion, finalizedAt, time.GetUtcNow()),
            rated, refs);
        return new InvoiceDocument(json, rated.Currency, Storage.Ledger.Money.ToMinorUnits(rated.Total, rated.Currency));
    }

    /// <summary>
    /// Rates one period as its invoice would, from <paramref name="usage"/> (replay's) or the ledger's when null;
    /// with a <paramref name="candidate"/> contract, every line is priced and the period's terms taken from it. Null
    /// when no contract is in force in the period (it has no invoice).
    /// </summary>
    public async Task<RatedInvoice?> RateUsageAsync(string tenantId, PeriodRange range, PeriodUsage? usage, Contract? candidate = null)
    {
        var versions = await contractStore.ListAsync(tenantId);
        if (candidate is null && (versions.Count == 0 || !range.HasContractFrom(versions.Min(v => v.EffectiveFrom))))
        {
            return null;
        }

        return (await RateAsync(tenantId, versions, range, usage, candidate)).Rated;
    }

    /// <summary>
    /// A period of the tenant rated as its draft invoice is (the period containing the tenant's now when
    /// <paramref name="periodStart"/> is null), with the inputs the rater took: the live side of a shadow comparison,
    /// which rates the same inputs under a candidate contract. The problem instead when the period has no invoice.
    /// </summary>
    public async Task<(InvoiceReply? Problem, PeriodRating? Rating)> RatePeriodAsync(string tenantId, DateOnly? periodStart)
    {
        if (periodStart is null)
        {
            var (problem, tenant, billing) = await ResolveTenantAsync(tenantId);
            if (problem is not null)
            {
                return (problem, null);
            }

            periodStart = BillingPeriods.LocalStart(billing!, BillingPeriods.Containing(billing!, tenant!.Now(time)));
        }

        var resolved = await ResolvePeriodAsync(tenantId, periodStart.Value);
        if (resolved.Problem is { } refused)
        {
            return (refused, null);
        }

        var rating = await RateInputsAsync(tenantId, resolved.Versions!, resolved.Range!);
        return (null, rating with { Billing = resolved.Billing!, LocalStart = periodStart.Value });
    }

    private async Task<(RatedInvoice Rated, int? HeaderVersion)> RateAsync(
        string tenantId, IReadOnlyList<ContractRow> versions, PeriodRange range, PeriodUsage? usage = null, Contract? candidate = null)
    {
        var rating = await RateInputsAsync(tenantId, versions, range, usage, candidate);
        return (rating.Rated, rating.HeaderVersion);
    }

    private async Task<PeriodRating> RateInputsAsync(
        string tenantId, IReadOnlyList<ContractRow> versions, PeriodRange range, PeriodUsage? usage = null, Contract? candidate = null)
    {
        usage ??= await store.GetUsageAsync(tenantId, range.Start);
        var header = candidate is null ? HeaderContract(versions, range) : new BookedContractTerms(null, candidate);
        var outcomes = new List<OutcomeUsage>(usage.Outcomes.Count);
        foreach (var r in usage.Outcomes)
        {
            var price = candidate is not null ? candidate.PriceFor(r.Outcome)
                : r.ContractVersion is { } v && await book.GetAsync(tenantId, v) is { } booked ? booked.Contract.PriceFor(r.Outcome) : null;
            outcomes.Add(new OutcomeUsage(r.Outcome, r.ContractVersion, price, r.Bucket, r.UnitPrice, r.Quantity, r.ValueSum));
        }

        var meters = await MeterUsageAsync(tenantId, header.Contract, range);
        var currency = header.Contract.Currency;
        var credits = usage.Credits.Select(c => new CreditUsage(c.Outcome, c.Quantity, Storage.Ledger.Money.FromMinorUnits(c.AmountMinor, currency))).ToList();
        var rated = InvoiceRater.Rate(header.Contract, outcomes, meters, credits);
        return new PeriodRating(BillingPeriod.Default, range, default, header.Contract, header.Version, outcomes, meters, credits, rated);
    }

    /// <summary>The period's quantity of each of <paramref name="contract"/>'s meters, aggregated over the log.</summary>
    public async Task<IReadOnlyList<MeterUsage>> MeterUsageAsync(string tenantId, Contract contract, PeriodRange range)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(range);
        var meters = new List<MeterUsage>();
        foreach (var meter in contract.Meters)
        {
            meters.Add(new MeterUsage(meter, await store.GetMeterQuantityAsync(tenantId, meter, range.Start, range.End)));
        }

        return meters;
    }

    /// <summary>
    /// The version whose period terms apply: the one in force at the period's start; for a period that starts
    /// before any version, the first version taking effect inside it. Only periods with a contract in force are
    /// invoiced (<see cref="PeriodRange.HasContractFrom"/>), so one of the two exists.
    /// </summary>
    private BookedContractTerms HeaderContract(IReadOnlyList<ContractRow> versions, PeriodRange range)
    {
        var inForce = versions.Where(v => v.EffectiveFrom <= range.Start).MaxBy(v => v.Version)
            ?? versions.Where(v => v.EffectiveFrom < range.End).MinBy(v => v.EffectiveFrom)
            ?? throw new InvalidOperationException($"no contract version is in force during the period from {Domain.Common.Instants.Iso(range.Start)}");
        var booked = book.Book(inForce);
        return new BookedContractTerms(booked.Version, booked.Contract);
    }

    private async Task<InvoiceLineRefs?> RefsAsync(string tenantId, PeriodRange range, InvoiceLine line, IReadOnlyList<OpenDisputeRow> disputes, string currency)
    {
        var (kind, count) = line.Kind switch
        {
            InvoiceLineKind.Outcome or InvoiceLineKind.Unpriced => ("charges", (long)line.Quantity),
            InvoiceLineKind.Credit => ("credits", (long)line.Quantity),
            _ => (null, 0L),
        };
        if (kind is null)
        {
            return null;
        }

        var items = count <= InvoiceJson.InlineIds ? await ItemsAsync(tenantId, range, line, null, InvoiceJson.InlineIds, false) : null;
        return new InvoiceLineRefs(kind, count, items, await DisputesOnAsync(tenantId, range, line, disputes, currency));
    }

    // The open disputes on an outcome line's charges: same outcome, contract version and bucket, and for a tier line
    // a charge whose position falls in the tier (disputes are few, so positions are looked up one by one).
    private async Task<InvoiceLineDisputes?> DisputesOnAsync(string tenantId, PeriodRange range, InvoiceLine line, IReadOnlyList<OpenDisputeRow> disputes, string currency)
    {
        if (line.Kind is not (InvoiceLineKind.Outcome or InvoiceLineKind.Unpriced) || line.Outcome is not { } outcome)
        {
            return null;
        }

        var bucket = line.Bucket ?? string.Empty;
        var open = 0;
        var amountMinor = 0L;
        foreach (var d in disputes)
        {
            if (d.Outcome != outcome || d.ContractVersion != (line.ContractVersion ?? 0) || d.PriceBucket != bucket)
            {
                continue;
            }

            if (line.FirstUnit is { } first && line.LastUnit is { } last)
            {
                var position = await store.LineChargePositionAsync(tenantId, range.Start, outcome, line.ContractVersion, bucket, d.ChargeId);
                if (position is not { } p || p < first || p > last)
                {
                    continue;
                }
            }

            open++;
            amountMinor += d.AmountMinor;
        }

        return open == 0 ? null : new InvoiceLineDisputes(open, Storage.Ledger.Money.FromMinorUnits(amountMinor, currency));
    }

    // Keyset pages: a page continues after the cursor row's (settles_at, id) or (created_at, id). A tier line covers
    // positions FirstUnit..LastUnit of the outcome's charges in settles_at order, so the page is cut at the tier's end
    // (the cursor's position is an index range count) and the first page starts at the tier's first position.
    private async Task<IReadOnlyList<LineItem>?> ItemsAsync(string tenantId, PeriodRange range, InvoiceLine line, Guid? after, int limit, bool summaries)
    {
        if (line.Outcome is not { } outcome)
        {
            return null;
        }

        switch (line.Kind)
        {
            case InvoiceLineKind.Outcome or InvoiceLineKind.Unpriced:
                var first = (line.FirstUnit ?? 1) - 1;
                var last = line.LastUnit ?? long.MaxValue;
                long from = first;
                if (after is { } cursor)
                {
                    var position = await store.LineChargePositionAsync(tenantId, range.Start, outcome, line.ContractVersion, line.Bucket ?? string.Empty, cursor);
                    if (position is not { } p || p <= first || p > last)
                    {
                        return [];
                    }

                    from = p;
                }

                var size = (int)Math.Max(0, Math.Min(limit, last - from));
                return size == 0
                    ? []
                    : await store.ListLineChargesAsync(tenantId, range.Start, outcome, line.ContractVersion, line.Bucket ?? string.Empty, after is null ? first : 0, after, size, summaries);
            case InvoiceLineKind.Credit:
                return await store.ListLineCreditsAsync(tenantId, range.Start, outcome, after, limit);
            default:
                return null;
        }
    }

    // Whether the cursor row is one of the line's rows (an empty page after it is then the end, not a bad cursor).
    private async Task<bool> InLineAsync(string tenantId, PeriodRange range, InvoiceLine line, Guid cursor)
    {
        if (line.Outcome is not { } outcome)
        {
            return false;
        }

        if (line.Kind == InvoiceLineKind.Credit)
        {
            return await store.ListLineCreditsAsync(tenantId, range.Start, outcome, null, int.MaxValue) is var all && all.Any(c => c.Id == cursor);
        }

        var position = await store.LineChargePositionAsync(tenantId, range.Start, outcome, line.ContractVersion, line.Bucket ?? string.Empty, cursor);
        return position is { } p && p > (line.FirstUnit ?? 1) - 1 && p <= (line.LastUnit ?? long.MaxValue);
    }

    private async Task<(InvoiceReply? Problem, Tenant? Tenant, BillingPeriod? Billing)> ResolveTenantAsync(string tenantId)
    {
        if (await directory.GetAsync(tenantId) is not { } tenant)
        {
            return (InvoiceReply.Problem(InvoiceResult.UnknownTenant, $"tenant '{tenantId}' does not exist", "create it with PUT /v1/tenants/{id}"), null, null);
        }

        return await book.FindBillingAsync(tenantId) is { } billing
            ? (null, tenant, billing)
            : (InvoiceReply.Problem(InvoiceResult.NoContract, $"tenant '{tenantId}' has no contract, so nothing is priced or invoiced yet (its charges are kept, unpriced)",
                $"put a contract with PUT /v1/tenants/{tenantId}/contract"), null, null);
    }

    private async Task<ResolvedPeriod> ResolvePeriodAsync(string tenantId, DateOnly periodStart)
    {
        var (problem, _, billing) = await ResolveTenantAsync(tenantId);
        if (problem is not null)
        {
            return new ResolvedPeriod(problem, null, null, null);
        }

        if (BillingPeriods.FromLocalStart(billing!, periodStart) is not { } range)
        {
            var suggestion = BillingPeriods.LocalStart(billing!, BillingPeriods.Containing(billing!, StartOfLocalDay(billing!, periodStart)));
            return new ResolvedPeriod(InvoiceReply.Problem(InvoiceResult.NotAPeriodStart,
                $"{periodStart:yyyy-MM-dd} is not the start of a billing period of tenant '{tenantId}' (every {billing!.Every.ToString().ToLowerInvariant()} from day {billing.AnchorDay}, {billing.TimeZone})",
                $"use the period's start date, e.g. {suggestion:yyyy-MM-dd} for the period containing {periodStart:yyyy-MM-dd}"), null, null, null);
        }

        var versions = await contractStore.ListAsync(tenantId);
        var contractStart = versions.Min(v => v.EffectiveFrom);
        if (!range.HasContractFrom(contractStart))
        {
            return new ResolvedPeriod(InvoiceReply.Problem(InvoiceResult.NoContract,
                $"tenant '{tenantId}' has no contract in force during the period {periodStart:yyyy-MM-dd}: its contract takes effect at {Domain.Common.Instants.Iso(contractStart)}, so the period has no invoice",
                $"use a period from the contract's start on (GET /v1/tenants/{tenantId}/invoices lists them)"), null, null, null);
        }

        return new ResolvedPeriod(null, billing, range, versions);
    }

    // An instant of the local day, DST gaps and repeated midnights included.
    private static DateTimeOffset StartOfLocalDay(BillingPeriod billing, DateOnly date) =>
        Domain.Common.TimeZones.StartOfDay(Domain.Common.TimeZones.GetStored(billing.TimeZone), date);

    private sealed record ResolvedPeriod(InvoiceReply? Problem, BillingPeriod? Billing, PeriodRange? Range, IReadOnlyList<ContractRow>? Versions);

    private sealed record BookedContractTerms(int? Version, Contract Contract);
}
