using System.Text.Json;
using Microsoft.Extensions.Logging;
using Witn.Abstractions.Disputes;
using Witn.Abstractions.Tenants;
using Witn.Domain.Disputes;
using Witn.Domain.Evidence;
using Witn.Domain.Tenants;
using Witn.Grains.Contracts;
using Witn.Grains.Ledger;
using Witn.Storage.Disputes;
using Witn.Storage.Invoices;
using Witn.Storage.Ledger;

namespace Witn.Grains.Disputes;

/// <summary>
/// The disputes of one charge. Thin: it loads the charge and its disputes, asks <see cref="DisputeRules"/>, and
/// commits what they decide through <see cref="DisputeStore"/> (one transaction with the credit and the webhooks)
/// before it answers. Not reentrant, so one command on a charge runs at a time; the database's version check and
/// one-open-dispute index still hold if two activations ever met.
/// </summary>
public sealed partial class DisputeGrain(
    DisputeStore store, LedgerStore ledger, InvoiceStore invoices, IContractBook contracts, TimeProvider time, ILogger<DisputeGrain> logger)
    : Grain, IDisputeGrain
{
    /// <summary>The ledger credit reason of a dispute credit.</summary>
    public const string CreditReason = "dispute";

    private Guid ChargeId => this.GetPrimaryKey();

    public async Task<ChargeDisputes?> GetAsync(string tenantId)
    {
        if (await ChargeOfAsync(tenantId) is not { } charge)
        {
            return null;
        }

        var (_, now) = await TenantAsync(tenantId);
        var disputes = await store.ListByChargeAsync(ChargeId);
        var facts = await FactsAsync(charge);
        return new ChargeDisputes(
            charge.Id, charge.TenantId, charge.Amount, charge.Currency, facts?.Credited ?? 0m, facts is null ? 0m : DisputeRules.Disputable(facts),
            [.. disputes.Select(d => View(d.Dispute, now))]);
    }

    public async Task<DisputeReply> OpenAsync(string tenantId, DisputeOpen open)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (await ChargeOfAsync(tenantId) is not { } charge)
        {
            return NoCharge();
        }

        var (tenant, now) = await TenantAsync(tenantId);
        if (await FactsAsync(charge) is not { } facts)
        {
            return Refused(DisputeRefusalKind.Conflict, "", $"charge {charge.Id} has no price (no contract rated it), so there is nothing to credit",
                "put a contract that prices the outcome; later charges can be disputed");
        }

        if (charge.Amount is null && open.Amount is { } part && part != DisputeRules.Disputable(facts))
        {
            return Refused(DisputeRefusalKind.Invalid, "amount", $"charge {charge.Id} is rated on the invoice (its tier decides its amount), so it is disputed whole",
                "leave amount out to dispute the whole charge");
        }

        var existing = await store.ListByChargeAsync(ChargeId);
        var opening = new DisputeOpening(Guid.CreateVersion7(time.GetUtcNow()), open.Reason, open.Message, open.Amount, open.Author);
        var result = DisputeRules.Open(opening, facts, [.. existing.Select(d => d.Dispute)], tenant.DisputeTerms, now);
        if (result.Refusal is { } refusal)
        {
            return new DisputeReply(refusal.Existing is { } other ? View(other, now) : null, false, refusal);
        }

        return await CommitAsync(result.Change!, 0, "opened", open.Author, now, charge, created: true);
    }

    public Task<DisputeReply> AddMessageAsync(string tenantId, Guid disputeId, DisputeAuthor kind, string author, string? text) =>
        CommandAsync(tenantId, disputeId, kind == DisputeAuthor.Operator ? "operator_message" : "customer_message", author,
            (d, _, now) => DisputeRules.AddMessage(d, kind, author, text, now));

    public Task<DisputeReply> ReviewAsync(string tenantId, Guid disputeId, string by) =>
        CommandAsync(tenantId, disputeId, "review", by, (d, _, now) => DisputeRules.Review(d, now));

    public Task<DisputeReply> ResolveAsync(string tenantId, Guid disputeId, DisputeDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return CommandAsync(tenantId, disputeId, "resolve", decision.By,
            (d, c, now) => DisputeRules.Resolve(d, decision.Decision, decision.Amount, decision.Note, decision.By, c.Facts, c.Settings, now));
    }

    public Task<DisputeReply> ApproveAsync(string tenantId, Guid disputeId, string by) =>
        CommandAsync(tenantId, disputeId, "approve", by, (d, c, now) => DisputeRules.Approve(d, by, c.Facts, now));

    public Task<DisputeReply> WithdrawAsync(string tenantId, Guid disputeId, string by) =>
        CommandAsync(tenantId, disputeId, "withdraw", by, (d, _, now) => DisputeRules.Withdraw(d, now));

    public async Task<int> CheckOverdueAsync()
    {
        if (await ledger.GetChargeAsync(ChargeId) is not { } charge)
        {
            return 0;
        }

        var (_, now) = await TenantAsync(charge.TenantId);
        return await MarkOverdueAsync(charge, now);
    }

    public async Task<int> CheckOverdueAtAsync(DateTimeOffset now) =>
        await ledger.GetChargeAsync(ChargeId) is { } charge ? await MarkOverdueAsync(charge, now) : 0;

    private async Task<int> MarkOverdueAsync(ChargeRow charge, DateTimeOffset now)
    {
        var marked = 0;
        foreach (var record in await store.ListByChargeAsync(ChargeId))
        {
            if (DisputeRules.MarkOverdue(record.Dispute, now) is not { } change)
            {
                continue;
            }

            try
            {
                await store.SaveAsync(new DisputeWrite(change.Dispute, record.Version, "overdue", "system", true, change.Notifications));
                marked++;
                LogOverdue(change.Dispute.Id, charge.TenantId);
            }
            catch (DisputeConflictException)
            {
                // Changed meanwhile (closed, say): the next sweep looks at it again.
            }
        }

        return marked;
    }

    private async Task<DisputeReply> CommandAsync(
        string tenantId, Guid disputeId, string change, string actor, Func<Dispute, (DisputedCharge Facts, DisputeSettings Settings), DateTimeOffset, DisputeResult> decide)
    {
        if (await ChargeOfAsync(tenantId) is not { } charge)
        {
            return NoDispute(disputeId);
        }

        var record = (await store.ListByChargeAsync(ChargeId)).FirstOrDefault(d => d.Dispute.Id == disputeId);
        if (record is null)
        {
            return NoDispute(disputeId);
        }

        var (tenant, now) = await TenantAsync(tenantId);
        var facts = await FactsAsync(charge) ?? new DisputedCharge(charge.Id, charge.TenantId, charge.Outcome, charge.Correlation, record.Dispute.Amount,
            record.Dispute.Currency, 0m, record.Dispute.EvidenceSha256);
        var result = decide(record.Dispute, (facts, tenant.DisputeTerms), now);
        if (result.Refusal is { } refusal)
        {
            return new DisputeReply(View(record.Dispute, now), false, refusal);
        }

        var next = result.Change!;
        if (next.Notifications.Count == 0 && next.Dispute == record.Dispute)
        {
            return new DisputeReply(View(record.Dispute, now), false, null); // nothing changed (a second review)
        }

        return await CommitAsync(next, record.Version, change, actor, now, charge, created: false);
    }

    private async Task<DisputeReply> CommitAsync(DisputeChange change, int version, string what, string actor, DateTimeOffset now, ChargeRow charge, bool created)
    {
        var dispute = change.Dispute;
        NewCredit? credit = null;
        if (change.Credit is { } amount && dispute.Resolution is { CreditId: { } creditId } resolution)
        {
            var evidence = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["summary"] = $"credit from dispute {dispute.Id} ({DisputeNames.Of(dispute.Reason)}): {resolution.Note}",
                ["dispute_id"] = dispute.Id,
                ["reason"] = DisputeNames.Of(dispute.Reason),
                ["note"] = resolution.Note,
                ["decided_by"] = resolution.DecidedBy,
                ["approved_by"] = resolution.ApprovedBy,
            });
            credit = new NewCredit(creditId, charge.Id, CreditReason, evidence, amount, now,
                await ChargeTerms.BillingAsync(contracts, charge.TenantId, charge.ContractVersion), dispute.Id);
        }

        try
        {
            await store.SaveAsync(new DisputeWrite(dispute, version, what, actor, DisputeRules.ShowsOverdue(dispute, now), change.Notifications, credit));
        }
        catch (DisputeConflictException e)
        {
            LogConflict(e, dispute.Id);
            var open = (await store.ListByChargeAsync(ChargeId)).FirstOrDefault(d => !d.Dispute.Closed)?.Dispute;
            return Refused(DisputeRefusalKind.Conflict, "", $"the disputes of charge {charge.Id} changed while this request was decided",
                "read the dispute again and retry", created ? open : null, now);
        }

        return new DisputeReply(View(dispute, now), created, null);
    }

    // The charge, when it is the tenant's; a charge of another tenant is answered as no charge at all.
    private async Task<ChargeRow?> ChargeOfAsync(string tenantId) =>
        await ledger.GetChargeAsync(ChargeId) is { } charge && string.Equals(charge.TenantId, tenantId, StringComparison.Ordinal) ? charge : null;

    // The tenant's own grain is the authority on its clock and terms (a silo's directory may lag an advance).
    private async Task<(Tenant Tenant, DateTimeOffset Now)> TenantAsync(string tenantId)
    {
        var tenant = await GrainFactory.GetGrain<ITenantGrain>(tenantId).GetAsync()
            ?? throw new InvalidOperationException($"tenant '{tenantId}' of charge {ChargeId} does not exist");
        return (tenant, tenant.Now(time));
    }

    // What the rules need of the charge, its amount valued (rated on the invoice: what it is worth there); null when nothing prices it.
    private async Task<DisputedCharge?> FactsAsync(ChargeRow charge)
    {
        if (charge.Currency is null || await ChargeTerms.ValueAsync(contracts, invoices, charge) is not { } amount)
        {
            return null;
        }

        return new DisputedCharge(charge.Id, charge.TenantId, charge.Outcome, charge.Correlation, amount, charge.Currency,
            await ledger.GetCreditedAsync(charge.Id), EvidenceHash.Of(charge.EvidenceJson));
    }

    private static DisputeView View(Dispute dispute, DateTimeOffset now) => new(dispute, DisputeRules.ShowsOverdue(dispute, now));

    private DisputeReply NoCharge() =>
        Refused(DisputeRefusalKind.NotFound, "id", $"no charge {ChargeId} is visible to this key", "list charges with GET /v1/tenants/{tenant}/charges");

    private static DisputeReply NoDispute(Guid id) =>
        Refused(DisputeRefusalKind.NotFound, "id", $"no dispute {id} is visible to this key", "list disputes with GET /v1/tenants/{tenant}/disputes");

    private static DisputeReply Refused(DisputeRefusalKind kind, string field, string detail, string fix, Dispute? existing = null, DateTimeOffset? now = null) =>
        new(existing is not null && now is { } at ? View(existing, at) : null, false, new DisputeRefusal(kind, field, detail, fix, existing));

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispute {Dispute} of tenant {Tenant} is overdue")]
    private partial void LogOverdue(Guid dispute, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispute {Dispute} changed while a command on it was decided; the caller retries")]
    private partial void LogConflict(Exception ex, Guid dispute);
}
