using System.Globalization;
using Witn.Domain.Events;
using Witn.Domain.Money;

namespace Witn.Domain.Disputes;

/// <summary>
/// The dispute workflow as pure functions from (dispute, command, clock) to a change or a refusal; the grain only
/// loads, calls, persists and carries out the change. The money rule (property-tested against a reference model):
/// an opening disputes at most what the charge still has uncredited, a credit takes back at most the disputed
/// amount and at most what is left on the charge, so the credits on a charge never exceed it (the ledger enforces
/// the same bound on its own).
/// </summary>
public static class DisputeRules
{
    /// <summary>The longest message a thread takes: long enough for a pasted email, short enough to show.</summary>
    public const int MaxTextLength = 10_000;

    // Never change: every stored dispute credit id depends on it.
    private static readonly Guid CreditNamespace = new("5d0c7f3e-2a9b-4e61-8c4d-7b1e0f9a3c26");

    /// <summary>The ledger credit a dispute issues: one id per dispute, so issuing it again is the same credit.</summary>
    public static Guid CreditIdOf(Guid disputeId) => EventIds.V5(CreditNamespace, disputeId.ToString("D"));

    /// <summary>What is still disputable on a charge: what is not credited yet, by any cause.</summary>
    public static decimal Disputable(DisputedCharge charge) => Math.Max(0m, charge.Amount - charge.Credited);

    /// <summary>
    /// Opens a dispute on <paramref name="charge"/> at <paramref name="now"/>. <paramref name="onCharge"/> are the
    /// charge's earlier disputes: one still open answers a conflict carrying it.
    /// </summary>
    public static DisputeResult Open(DisputeOpening opening, DisputedCharge charge, IReadOnlyList<Dispute> onCharge, DisputeSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(charge);
        ArgumentNullException.ThrowIfNull(onCharge);
        ArgumentNullException.ThrowIfNull(settings);
        if (!DisputeNames.TryParseReason(opening.Reason, out var reason))
        {
            return Invalid("reason", opening.Reason is null ? "reason is missing" : $"'{opening.Reason}' is not a dispute reason",
                $"use one of: {string.Join(", ", DisputeNames.ReasonNames)}");
        }

        if (TextProblem("message", opening.Message) is { } bad)
        {
            return bad;
        }

        if (onCharge.FirstOrDefault(d => !d.Closed) is { } open)
        {
            return DisputeResult.Refuse(DisputeRefusalKind.Conflict, "", $"charge {charge.Id} already has an open dispute ({open.Id})",
                "add a message to that dispute, or wait until it is resolved", open);
        }

        var disputable = Disputable(charge);
        if (disputable <= 0m)
        {
            return Invalid("amount", $"charge {charge.Id} has nothing left to dispute: {Format(charge.Credited, charge.Currency)} of {Format(charge.Amount, charge.Currency)} is already credited",
                "nothing to do: the whole charge is credited");
        }

        var amount = opening.Amount ?? disputable;
        if (AmountProblem(amount, disputable, charge.Currency, "what is still uncredited on the charge") is { } wrong)
        {
            return wrong;
        }

        var dispute = new Dispute(
            opening.Id, charge.TenantId, charge.Id, charge.Outcome, charge.Correlation, DisputeStatus.Open, reason, amount, charge.Currency,
            now, now + settings.AckWithin, now + settings.ResolveWithin, charge.EvidenceSha256,
            [new DisputeMessage(DisputeAuthor.Customer, opening.Author, opening.Message!, now)]);
        return DisputeResult.Accept(dispute, null, DisputeNotifications.Opened);
    }

    /// <summary>Appends a message; an operator's first message acknowledges the dispute (open → under review).</summary>
    public static DisputeResult AddMessage(Dispute dispute, DisputeAuthor kind, string author, string? text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        if (TextProblem("text", text) is { } bad)
        {
            return bad;
        }

        if (Closed(dispute) is { } closed)
        {
            return closed;
        }

        var next = dispute with { Thread = [.. dispute.Thread, new DisputeMessage(kind, author, text!, now)] };
        if (kind == DisputeAuthor.Operator)
        {
            next = Acknowledged(next, now);
        }

        return DisputeResult.Accept(next, null, DisputeNotifications.Updated);
    }

    /// <summary>An operator takes the dispute up (open → under review); already under review changes nothing.</summary>
    public static DisputeResult Review(Dispute dispute, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        if (Closed(dispute) is { } closed)
        {
            return closed;
        }

        return dispute.Status == DisputeStatus.UnderReview
            ? DisputeResult.Accept(dispute)
            : DisputeResult.Accept(Acknowledged(dispute, now), null, DisputeNotifications.Updated);
    }

    /// <summary>
    /// An operator's decision. A rejection needs a written reason. A credit (default: the disputed amount) is at most
    /// the disputed amount and at most what the charge still has uncredited; above the tenant's approval limit it
    /// becomes a proposal that a different key must approve (the same call from a different key, or
    /// <see cref="Approve"/>).
    /// </summary>
    public static DisputeResult Resolve(Dispute dispute, DisputeDecisionKind decision, decimal? amount, string? note, string by, DisputedCharge charge, DisputeSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(charge);
        ArgumentNullException.ThrowIfNull(settings);
        if (Closed(dispute) is { } closed)
        {
            return closed;
        }

        if (note is { Length: > MaxTextLength })
        {
            return TextProblem("note", note)!;
        }

        if (decision == DisputeDecisionKind.Reject)
        {
            if (string.IsNullOrWhiteSpace(note))
            {
                return Invalid("note", "a rejection needs a written reason", "say in note why the charge stands; the customer reads it");
            }

            if (amount is not null)
            {
                return Invalid("amount", "a rejection credits nothing, so it takes no amount", "leave amount out, or decide credit");
            }

            var rejected = Acknowledged(dispute, now) with
            {
                Status = DisputeStatus.Rejected,
                Proposal = null,
                Resolution = new DisputeResolution(DisputeDecisionKind.Reject, 0m, note, by, null, now, null),
            };
            return DisputeResult.Accept(rejected, null, DisputeNotifications.Resolved);
        }

        var credit = amount ?? dispute.Proposal?.Amount ?? dispute.Amount;
        if (AmountProblem(credit, dispute.Amount, dispute.Currency, "the disputed amount") is { } wrong)
        {
            return wrong;
        }

        if (dispute.Proposal is { } proposal && proposal.Amount == credit)
        {
            return Approve(dispute, by, charge, now);
        }

        if (settings.ApprovalLimit is { } limit && credit > limit)
        {
            var proposed = Acknowledged(dispute, now) with { Proposal = new DisputeProposal(credit, note ?? "", by, now) };
            return DisputeResult.Accept(proposed, null, DisputeNotifications.Updated);
        }

        return Credit(dispute, credit, note ?? "", by, null, charge, now);
    }

    /// <summary>A second key approves the proposed credit; the key that proposed it cannot.</summary>
    public static DisputeResult Approve(Dispute dispute, string by, DisputedCharge charge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        if (Closed(dispute) is { } closed)
        {
            return closed;
        }

        if (dispute.Proposal is not { } proposal)
        {
            return DisputeResult.Refuse(DisputeRefusalKind.Conflict, "", $"dispute {dispute.Id} has no credit waiting for approval",
                "resolve it first: POST /v1/disputes/{id}/resolve");
        }

        if (string.Equals(proposal.ProposedBy, by, StringComparison.Ordinal))
        {
            return DisputeResult.Refuse(DisputeRefusalKind.Forbidden, "", $"the credit of {Format(proposal.Amount, dispute.Currency)} is above the approval limit and was proposed by this key",
                "a different admin key must approve it (four eyes)");
        }

        return Credit(dispute, proposal.Amount, proposal.Note, proposal.ProposedBy, by, charge, now);
    }

    /// <summary>The customer takes the dispute back.</summary>
    public static DisputeResult Withdraw(Dispute dispute, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        if (Closed(dispute) is { } closed)
        {
            return closed;
        }

        return DisputeResult.Accept(dispute with { Status = DisputeStatus.Withdrawn, Proposal = null }, null, DisputeNotifications.Resolved);
    }

    /// <summary>Not closed, and past its acknowledgement deadline unacknowledged, or past its resolution deadline.</summary>
    public static bool IsOverdue(Dispute dispute, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return !dispute.Closed && ((dispute.AcknowledgedAt is null && now > dispute.AckDueBy) || now > dispute.ResolveDueBy);
    }

    /// <summary>
    /// What <c>overdue</c> shows: still open and it has missed a due date (now, or earlier: a dispute acknowledged
    /// after its acknowledgement deadline stays overdue until it is closed).
    /// </summary>
    public static bool ShowsOverdue(Dispute dispute, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return !dispute.Closed && (dispute.OverdueNotifiedAt is not null || IsOverdue(dispute, now));
    }

    /// <summary>When the dispute next needs looking at for overdue (null: never again).</summary>
    public static DateTimeOffset? NextDue(Dispute dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        if (dispute.Closed || dispute.OverdueNotifiedAt is not null)
        {
            return null;
        }

        return dispute.AcknowledgedAt is null && dispute.AckDueBy < dispute.ResolveDueBy ? dispute.AckDueBy : dispute.ResolveDueBy;
    }

    /// <summary>The one <c>dispute.overdue</c> notification, the first time the dispute is seen overdue (else no change).</summary>
    public static DisputeChange? MarkOverdue(Dispute dispute, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return IsOverdue(dispute, now) && dispute.OverdueNotifiedAt is null
            ? new DisputeChange(dispute with { OverdueNotifiedAt = now }, [DisputeNotifications.Overdue])
            : null;
    }

    private static DisputeResult Credit(Dispute dispute, decimal amount, string note, string decidedBy, string? approvedBy, DisputedCharge charge, DateTimeOffset now)
    {
        var left = Disputable(charge);
        if (amount > left)
        {
            return DisputeResult.Refuse(DisputeRefusalKind.Conflict, "amount",
                $"charge {charge.Id} has only {Format(left, charge.Currency)} left to credit (another credit was issued since the dispute opened)",
                $"credit at most {Format(left, charge.Currency)}, or reject");
        }

        var credited = Acknowledged(dispute, now) with
        {
            Status = DisputeStatus.Credited,
            Proposal = null,
            Resolution = new DisputeResolution(DisputeDecisionKind.Credit, amount, note, decidedBy, approvedBy, now, CreditIdOf(dispute.Id)),
        };
        return DisputeResult.Accept(credited, amount, DisputeNotifications.Resolved);
    }

    private static Dispute Acknowledged(Dispute dispute, DateTimeOffset now) =>
        dispute with { Status = dispute.Status == DisputeStatus.Open ? DisputeStatus.UnderReview : dispute.Status, AcknowledgedAt = dispute.AcknowledgedAt ?? now };

    private static DisputeResult? Closed(Dispute dispute) =>
        dispute.Closed
            ? DisputeResult.Refuse(DisputeRefusalKind.Conflict, "", $"dispute {dispute.Id} is {DisputeNames.Of(dispute.Status)}: it is closed",
                "open a new dispute on the charge if there is more to say")
            : null;

    private static DisputeResult? AmountProblem(decimal amount, decimal most, string currency, string mostIs)
    {
        if (amount <= 0m)
        {
            return Invalid("amount", $"amount must be positive (found {amount.ToString(CultureInfo.InvariantCulture)})", "give a decimal string such as \"1.00\", or leave it out for the whole amount");
        }

        if (!Currencies.IsExact(amount, currency))
        {
            return Invalid("amount", $"{amount.ToString(CultureInfo.InvariantCulture)} has more decimals than {currency} has ({Currencies.Exponent(currency)})",
                $"round it to {Currencies.Exponent(currency)} decimals");
        }

        return amount > most
            ? Invalid("amount", $"{Format(amount, currency)} is more than {mostIs} ({Format(most, currency)})", $"give at most {Format(most, currency)}")
            : null;
    }

    private static DisputeResult? TextProblem(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Invalid(field, $"{field} is missing or empty", $"say in {field} what is wrong, in words the other side can act on");
        }

        return text.Length > MaxTextLength
            ? Invalid(field, $"{field} is {text.Length:N0} characters long; at most {MaxTextLength:N0} are kept", "shorten it, or split it into several messages")
            : null;
    }

    private static DisputeResult Invalid(string field, string detail, string fix) => DisputeResult.Refuse(DisputeRefusalKind.Invalid, field, detail, fix);

    private static string Format(decimal amount, string currency) => $"{MoneyFormat.Text(amount, currency)} {currency}";
}
