using Witn.Domain.Common;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;

namespace Witn.Domain.Evidence;

/// <summary>
/// Everything needed to defend one charge (or credit): which outcome, under which definition and contract version,
/// the events (in event order), how each condition was decided, the lifecycle steps, and a plain-language summary.
/// Immutable and compared by content; stored with the charge as <see cref="EvidenceJson"/> and shown as
/// the evidence page (Witn.Api.Pages.EvidencePage). All instants are UTC. <see cref="SettledAt"/> is the instant the outcome became settled
/// (settles_at + grace, or a later approval) and is null unless it is settled or reversed;
/// <see cref="CreditSummary"/> is null unless it is reversed.
/// </summary>
public sealed record EvidenceBundle(
    string TenantId,
    string Outcome,
    string Correlation,
    int DefinitionVersion,
    string DefinitionHash,
    string DefinitionSource,
    int? ContractVersion,
    OutcomeStatus Status,
    DateTimeOffset? FirstEventAt,
    DateTimeOffset? QualifiedAt,
    DateTimeOffset? SettlesAt,
    DateTimeOffset? SettledAt,
    DateTimeOffset? ExpiresAt,
    decimal? Value,
    ValueArray<DimensionValue> Dimensions,
    AgentRef? AttributedAgent,
    ReviewDecision? Review,
    ValueArray<Guid> VoidedBy,
    ValueArray<Guid> ReversedBy,
    string Summary,
    string? CreditSummary,
    ValueArray<OutcomeTransition> Transitions,
    ValueArray<EvidenceEvent> Events,
    OutcomeExplanation Explanation);
