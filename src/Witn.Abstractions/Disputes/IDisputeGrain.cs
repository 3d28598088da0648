using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

/// <summary>
/// The disputes of one charge (key: the charge id). Every command on the charge's disputes runs here, one at a time,
/// so "one open dispute per charge" and "credits never exceed the charge" are decided without races; a command is
/// persisted (state, history, credit and webhooks in one transaction) before it answers. The caller checks the key's
/// tenant; <c>tenantId</c> is checked again here, so a charge of another tenant is simply not found.
/// </summary>
[Alias("witn.disputes.dispute-grain")]
public interface IDisputeGrain : IGrainWithGuidKey
{
    /// <summary>The charge's disputes and what is still disputable on it; null when the charge is not the tenant's.</summary>
    [Alias("get")]
    Task<ChargeDisputes?> GetAsync(string tenantId);

    /// <summary>Opens a dispute (201); a dispute still open on the charge answers a Conflict refusal carrying it.</summary>
    [Alias("open")]
    Task<DisputeReply> OpenAsync(string tenantId, DisputeOpen open);

    /// <summary>Appends a message; an operator's first message takes the dispute under review.</summary>
    [Alias("message")]
    Task<DisputeReply> AddMessageAsync(string tenantId, Guid disputeId, DisputeAuthor kind, string author, string? text);

    /// <summary>An operator takes the dispute up (open → under_review).</summary>
    [Alias("review")]
    Task<DisputeReply> ReviewAsync(string tenantId, Guid disputeId, string by);

    /// <summary>
    /// Credits or rejects. A credit above the tenant's approval limit becomes a proposal; the same call from a
    /// different admin key (or <see cref="ApproveAsync"/>) approves it.
    /// </summary>
    [Alias("resolve")]
    Task<DisputeReply> ResolveAsync(string tenantId, Guid disputeId, DisputeDecision decision);

    /// <summary>A second admin key approves the proposed credit.</summary>
    [Alias("approve")]
    Task<DisputeReply> ApproveAsync(string tenantId, Guid disputeId, string by);

    /// <summary>The customer takes the dispute back.</summary>
    [Alias("withdraw")]
    Task<DisputeReply> WithdrawAsync(string tenantId, Guid disputeId, string by);

    /// <summary>Marks the charge's disputes that are overdue on the tenant's clock now (one <c>dispute.overdue</c> each); returns how many.</summary>
    [Alias("check-overdue")]
    Task<int> CheckOverdueAsync();

    /// <summary>As <see cref="CheckOverdueAsync"/>, at <paramref name="now"/> (a sandbox tenant's clock as an advance just set it).</summary>
    [Alias("check-overdue-at")]
    Task<int> CheckOverdueAtAsync(DateTimeOffset now);
}
