using Witn.Abstractions.Access;
using Witn.Abstractions.Alerts;
using Witn.Abstractions.Cluster;
using Witn.Abstractions.Contracts;
using Witn.Abstractions.Disputes;
using Witn.Abstractions.Events;
using Witn.Abstractions.Invoices;
using Witn.Abstractions.Ingestion;
using Witn.Abstractions.Ledger;
using Witn.Abstractions.Outcomes;
using Witn.Abstractions.Quality;
using Witn.Abstractions.Replay;
using Witn.Abstractions.Shadow;
using Witn.Abstractions.Tenants;
using Witn.Abstractions.Webhooks;
using Witn.Domain.Access;
using Witn.Domain.Definitions;
using Witn.Domain.Disputes;
using Witn.Domain.Evaluation;
using Witn.Domain.Ingestion;
using Witn.Domain.Quality;
using Witn.Domain.Tenants;
using Witn.Domain.Webhooks;

namespace Witn.Abstractions.Tests;

/// <summary>
/// Sample values of every wire contract. The first sample of each type sets every property to a non-default
/// value, so a property that is not serialized (a missing <c>[Id]</c>) cannot round-trip unnoticed.
/// A new contract without samples here fails <c>every_contract_type_has_a_sample</c>.
/// </summary>
internal static class ContractSamples
{
    private static readonly DateTimeOffset Created = new(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    private static readonly ApiKeyInfo Revoked = new("0123456789abcdef", "support-bot", [ApiKeyScope.Ingest, ApiKeyScope.Read], "acme", Created, Created.AddHours(1), Created.AddDays(90), Created.AddMinutes(30));

    private static readonly DefinitionVersionInfo TicketV2 = new("ticket_resolved", 2, "sha256:ab12", """{"name":"ticket_resolved"}""", ["ticket.closed", "ticket.reopened"], "{\"name\": \"ticket_resolved\"}", DefinitionFormat.Json, Created);

    private static readonly DefinitionInfo Ticket = new("ticket_resolved", DefinitionStatus.Shadow, Created, Created.AddHours(1), TicketV2, Created.AddDays(30));

    private static readonly ContractVersionInfo AcmeV3 = new("acme", 3, Created.AddDays(-1), Created, "USD", DefinitionFormat.Json, "{\"currency\": \"USD\"}", """{"currency":"USD"}""");

    private static readonly ContractProblem Negative = new("prices.a.unit_price", 4, 20, "a price cannot be negative, found -2", "write a price of 0 or more");

    private static readonly Tenant Lab = new("lab", "Lab", "Europe/Berlin", true, Created, Created.AddDays(3), TimeSpan.FromDays(35), Created, Created.AddHours(2), true, TimeSpan.FromMinutes(90),
        new DisputeSettings(TimeSpan.FromHours(24), TimeSpan.FromDays(7), 50m),
        new Witn.Domain.Exports.StripeBilling("cus_Lab1", Witn.Domain.Exports.StripeCollection.SendInvoice, 14, false), new Witn.Domain.Exports.LagoBilling("lab-lago"));

    private static readonly TransitionView Transition = new("settled", Created.AddHours(72), "the window closed with no reversal");

    private static readonly OutcomeChargeInfo HeldCharge = new(
        Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), 1, 3, "USD", 2.00m, 2.00m, "lead.segment=enterprise", 12.5m, Guid.Parse("00000000-1d2b-5c3e-9f40-0123456789ab"));

    private static readonly OutcomeView View = new(
        "acme", "ticket_resolved", "T-1", 2, 3, Created.AddDays(4), """{"Status":3}""",
        [Witn.Domain.Events.OutcomeEvent.Create(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "acme", "ticket.closed", Created, """{"ticket_id":"T-1"}""", "t1-closed", new Witn.Domain.Events.AgentRef("support-bot", "3.1"), "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", Created.AddSeconds(1))],
        [Transition], Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), Guid.Parse("00000000-1d2b-5c3e-9f40-0123456789ab"), "ticket_resolved for T-1: …",
        [HeldCharge, HeldCharge with { Sequence = 2, CreditId = null }]);

    private static readonly WebhookEndpointInfo Hook = new(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "https://billing.example.com/witn", ["charge.committed", "credit.issued"], "acme", Created, Created.AddDays(1));

    private static readonly WebhookDeliveryInfo Dead = new(
        Guid.Parse("00000000-1d2b-5c3e-9f40-0123456789ab"), Hook.Id, 42, "charge", Guid.Parse("11111111-1d2b-5c3e-9f40-0123456789ab"), "acme", "charge.committed",
        WebhookDeliveryStatus.Dead, 8, Created.AddHours(1), 500, "the receiver answered HTTP 500", Created.AddMinutes(1), Created);

    private static readonly DisputeMessage Said = new(DisputeAuthor.Operator, "0123456789abcdef", "We are looking into it.", Created.AddHours(1));

    private static readonly DisputeProposal Proposed = new(1.50m, "half of it", "0123456789abcdef", Created.AddHours(2));

    private static readonly DisputeResolution Credited = new(DisputeDecisionKind.Credit, 1.50m, "half of it", "0123456789abcdef", "fedcba9876543210", Created.AddHours(3), Guid.Parse("7f1c2a4e-1d2b-5c3e-9f40-0123456789ab"));

    private static readonly Dispute Disputed = new(
        Guid.Parse("7a0c3e51-2f4d-4b8a-9e16-5c2d8f0b1a47"), "acme", Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "ticket_resolved", "T-1",
        DisputeStatus.Credited, DisputeReason.HumanDidTheWork, 2.00m, "USD", Created, Created.AddHours(48), Created.AddDays(14), "ab12cd34",
        [new DisputeMessage(DisputeAuthor.Customer, "portal", "A human closed this ticket.", Created), Said], Created.AddHours(1), Proposed, Credited, Created.AddDays(15));

    private static readonly DisputeRefusal Refused = new(DisputeRefusalKind.Conflict, "amount", "charge has an open dispute", "add a message to it", Disputed);

    public static IReadOnlyDictionary<Type, object[]> ByType { get; } = new Dictionary<Type, object[]>
    {
        [typeof(ApiKeyInfo)] =
        [
            Revoked,
            Revoked with { TenantId = null, RevokedAt = null, Scopes = [ApiKeyScope.Admin], ExpiresAt = null, LastUsedAt = null },
            Revoked with { Scopes = [] },
        ],
        [typeof(CreatedApiKey)] =
        [
            new CreatedApiKey(Revoked, "wk_0123456789abcdef_s3cr3t"),
        ],
        [typeof(NewApiKey)] =
        [
            new NewApiKey("support-bot", [ApiKeyScope.Ingest], "acme", Created.AddDays(90)),
            new NewApiKey("operator", [ApiKeyScope.Admin, ApiKeyScope.Read], null),
        ],
        [typeof(OutcomeEventSurrogate)] =
        [
            new OutcomeEventSurrogate(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "acme", "ticket.closed", Created, """{"ticket_id":"T-1"}""", "t1-closed", "support-bot", "3.1", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", Created.AddSeconds(1)),
        ],
        [typeof(TenantSurrogate)] =
        [
            new TenantSurrogate(Lab.Id, Lab.Name, Lab.TimeZone, Lab.Sandbox, Lab.ClockStart, Lab.ClockNow, Lab.BackfillLimit, Lab.CreatedAt, Lab.UpdatedAt, Lab.AutoFinalize, Lab.FinalizeGrace, Lab.DisputeTerms.AckWithin, Lab.DisputeTerms.ResolveWithin, Lab.DisputeTerms.ApprovalLimit, Lab.Stripe, Lab.Lago),
        ],
        [typeof(StripeBillingSurrogate)] = [new StripeBillingSurrogate("cus_Lab1", Witn.Domain.Exports.StripeCollection.SendInvoice, 14, true), new StripeBillingSurrogate("cus_Lab2", Witn.Domain.Exports.StripeCollection.ChargeAutomatically, null, false)],
        [typeof(LagoBillingSurrogate)] = [new LagoBillingSurrogate("lab-lago")],
        [typeof(StripeBillingSpecSurrogate)] = [new StripeBillingSpecSurrogate("cus_Lab1", "send_invoice", 14, true), new StripeBillingSpecSurrogate(null, null, null, null)],
        [typeof(LagoBillingSpecSurrogate)] = [new LagoBillingSpecSurrogate("lab-lago"), new LagoBillingSpecSurrogate(null)],
        [typeof(Witn.Abstractions.Exports.ExportInfo)] =
        [
            new Witn.Abstractions.Exports.ExportInfo(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "stripe", "invoice", Guid.Parse("00000000-1d2b-5c3e-9f40-0123456789ab"), "acme", "failed", 3, "in_123", "Stripe: No such customer", Created, Created.AddMinutes(1), Created.AddMinutes(2), "credit_note"),
            new Witn.Abstractions.Exports.ExportInfo(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ac"), "lago", "charge", Guid.Parse("00000000-1d2b-5c3e-9f40-0123456789ac"), "acme", "pending", 0, null, null, Created, null, null),
        ],
        [typeof(Witn.Abstractions.Exports.ExportRetryReply)] = [new Witn.Abstractions.Exports.ExportRetryReply(true, 1, [new Witn.Abstractions.Exports.ExportInfo(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "stripe", "invoice", Guid.Parse("00000000-1d2b-5c3e-9f40-0123456789ab"), "acme", "pending", 1, null, null, Created, null, Created)]), new Witn.Abstractions.Exports.ExportRetryReply(false, 0, [])],
        [typeof(Witn.Abstractions.Exports.ReconciliationInfo)] =
        [
            new Witn.Abstractions.Exports.ReconciliationInfo(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "stripe", new DateOnly(2026, 11, 1), ["acme"], "request", "done", "boom", new Dictionary<string, long> { ["matched"] = 3 }, Created, Created.AddMinutes(1)),
            new Witn.Abstractions.Exports.ReconciliationInfo(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ac"), "lago", null, null, "daily", "pending", null, [], Created, null),
        ],
        [typeof(Witn.Abstractions.Exports.ReconciliationFindingInfo)] =
        [
            new Witn.Abstractions.Exports.ReconciliationFindingInfo(1, "acme", Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "ACME-00001", 2, "amount_mismatch", 2.50m, 2.51m, "USD", "ii_123", "off by one"),
            new Witn.Abstractions.Exports.ReconciliationFindingInfo(2, "acme", null, null, null, "missing_at_provider", null, null, null, null, null),
        ],
        [typeof(TenantSpecSurrogate)] =
        [
            new TenantSpecSurrogate("Lab", "Europe/Berlin", true, Created, "7d", true, "2h", "24h", "7d", "50.00",
                new Witn.Domain.Exports.StripeBillingSpec("cus_Lab1", "send_invoice", 14, false), new Witn.Domain.Exports.LagoBillingSpec("lab-lago")),
            new TenantSpecSurrogate(null, null, null, null, null, null, null),
        ],
        [typeof(TenantPutReply)] =
        [
            new TenantPutReply(Lab, true, [new TenantProblem("name", "name is required", "give a name")]),
            new TenantPutReply(null, false, []),
        ],
        [typeof(TenantProblem)] =
        [
            new TenantProblem("clock_start", "a sandbox tenant needs clock_start", "give the instant its test clock starts at"),
        ],
        [typeof(DefinitionSource)] =
        [
            new DefinitionSource("{\"name\": \"ticket_resolved\"}", DefinitionFormat.Json),
            new DefinitionSource("name: ticket_resolved\n", DefinitionFormat.Yaml),
        ],
        [typeof(DefinitionVersionInfo)] = [TicketV2, TicketV2 with { SourceFormat = DefinitionFormat.Yaml, ListenedTypes = [] }],
        [typeof(DefinitionInfo)] = [Ticket, Ticket with { Status = DefinitionStatus.Active, ActiveFrom = null }],
        [typeof(PublishReply)] = [new PublishReply(Ticket, TicketV2, true), new PublishReply(Ticket, TicketV2, false)],
        [typeof(ContractSource)] =
        [
            new ContractSource("{\"currency\": \"EUR\"}", DefinitionFormat.Json),
            new ContractSource("currency: USD\n", DefinitionFormat.Yaml),
        ],
        [typeof(ContractVersionInfo)] = [AcmeV3, AcmeV3 with { Format = DefinitionFormat.Yaml, Source = "currency: USD\n", Version = 1 }],
        [typeof(ContractProblem)] = [Negative, Negative with { Line = null, Column = null }],
        [typeof(ContractPutReply)] =
        [
            // Every property set at once (not a real reply) so a property lost on the wire cannot pass unnoticed.
            new ContractPutReply(AcmeV3, true, [Negative], [Negative with { Path = "prices.b" }]),
            new ContractPutReply(null, false, [Negative], []),
            new ContractPutReply(AcmeV3, false, [], []),
        ],
        [typeof(EvaluationEvent)] =
        [
            new EvaluationEvent(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "t1-closed", "ticket.closed", Created, """{"ticket_id":"T-1"}""", "support-bot", "3.1", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"),
        ],
        [typeof(EvaluationReview)] =
        [
            new EvaluationReview(ReviewVerdict.Reject, Created, "ops@acme", "duplicate ticket", "T-1"),
            new EvaluationReview(ReviewVerdict.Approve, Created, null, null, null),
        ],
        [typeof(EvaluationRequest)] =
        [
            new EvaluationRequest(new DefinitionSource("name: x", DefinitionFormat.Json), "ticket_resolved", 2,
                [new EvaluationEvent(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "k", "ticket.closed", Created, "{}", null, null, null, null)],
                Created, [new EvaluationReview(ReviewVerdict.Approve, Created, null, null, null)]),
            new EvaluationRequest(null, "ticket_resolved", null, [], null, []),
        ],
        [typeof(EvaluatedOutcome)] = [new EvaluatedOutcome("T-1", """{"Status":1}""")],
        [typeof(EventRouting)] =
        [
            new EventRouting(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "T-1", "duplicate"),
            new EventRouting(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), null, "not_listened"),
        ],
        [typeof(EvaluationReply)] =
        [
            new EvaluationReply("no outcome definition is named 'x'", "ticket_resolved", 2, "sha256:ab12", "ticket_id", ["ticket.closed"], Created,
                [new EvaluatedOutcome("T-1", "{}")], [new EventRouting(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "T-1", null)], "too much work"),
            EvaluationReply.Missing("no outcome definition is named 'x'"),
            EvaluationReply.TooMuchWork("10,000 routed events × 26 conditions"),
        ],
        [typeof(ProbeReply)] =
        [
            new ProbeReply("p1", "S127.0.0.1:11111:123456789", "@0123456789abcdef0123456789abcdef", 42),
        ],
        [typeof(EnvelopeFailureSurrogate)] =
        [
            new EnvelopeFailureSurrogate("invalid_json", "$.events[0]", 3, 17, "the JSON ends inside a string", "close the string with '\"'"),
            new EnvelopeFailureSurrogate("missing_events", "$.events", null, null, "events is required", "send an array of events"),
        ],
        [typeof(EventResultSurrogate)] =
        [
            new EventResultSurrogate((int)EventResultStatus.Rejected, Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "conflict", "$.events[1].data", "same id, different content"),
            new EventResultSurrogate((int)EventResultStatus.Accepted, Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), null, null, null),
        ],
        [typeof(IngestReply)] =
        [
            // Every property set at once (not a real reply) so a property lost on the wire cannot pass unnoticed.
            new IngestReply(new EnvelopeFailure("invalid_json", "$", 1, 2, "not JSON", "send JSON"), [EventResult.Accepted(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"))]),
            new IngestReply(null, [EventResult.Accepted(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab")), EventResult.Duplicate(Guid.Parse("00000000-1d2b-5c3e-9f40-0123456789ab")), new EventResult(EventResultStatus.Rejected, null, "missing_field", "type", "type is required")]),
            new IngestReply(new EnvelopeFailure("missing_events", "$.events", null, null, "events is required", "send an array of events"), []),
        ],
        [typeof(OutcomeTick)] = [new OutcomeTick(OutcomeStatus.Qualified, Created), new OutcomeTick(OutcomeStatus.Settled, null)],
        [typeof(ReviewRequest)] = [new ReviewRequest(ReviewVerdict.Reject, "ops", "duplicate"), new ReviewRequest(ReviewVerdict.Approve, "ops", null)],
        [typeof(TransitionView)] = [Transition, Transition with { Reason = null }],
        [typeof(OutcomeView)] = [View, View with { ContractVersion = null, ChargeId = null, CreditId = null, Events = [], Transitions = [], Charges = null }],
        [typeof(OutcomeChargeInfo)] = [HeldCharge, new OutcomeChargeInfo(Guid.Empty, 1, null, null, null, null, null, null, null)],
        [typeof(ReviewReply)] = [new ReviewReply(View, "only outcomes in review take a decision"), new ReviewReply(null, null)],
        [typeof(OutcomeListItem)] =
        [
            new OutcomeListItem("ticket_resolved", "T-1", 2, "settled", Created, Created.AddHours(1), Created.AddHours(73), Created.AddHours(74), Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), Guid.Parse("00000000-1d2b-5c3e-9f40-0123456789ab"), 3, Created.AddDays(4)),
            new OutcomeListItem("ticket_resolved", "T-2", 1, "open", null, null, null, null, null, null, 1, Created),
        ],
        [typeof(LedgerReceipt)] = [new LedgerReceipt(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), true, HeldCharge), new LedgerReceipt(Guid.Empty, false)],
        [typeof(ChargeCommit)] =
        [
            new ChargeCommit("acme", "ticket_resolved", 2, "T-1", Created, Created.AddHours(72), "support-bot", "3.1", """{"segment":"smb"}""", 12.5m, 3, "USD", 2.00m, 2.00m, """{"summary":"s"}""", "lead.segment=enterprise", 2),
            new ChargeCommit("acme", "ticket_resolved", 1, "T-1", Created, Created, null, null, "{}", null, null, null, null, null, "{}"),
        ],
        [typeof(CreditCommit)] =
        [
            new CreditCommit(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "reversed", 2.00m, """{"summary":"s"}""", Created),
            new CreditCommit(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "voided", null, "{}", Created.AddDays(3)),
        ],
        [typeof(InvoiceReply)] =
        [
            new InvoiceReply(InvoiceResult.Created, """{"status":"final"}""", "finalized", "read it with GET"),
            InvoiceReply.Problem(InvoiceResult.NotAPeriodStart, "2026-11-02 is not a period start", "use 2026-11-01"),
        ],
        [typeof(InvoiceSummary)] =
        [
            new InvoiceSummary(new DateOnly(2026, 11, 1), Created, Created.AddDays(30), "final", "ACME-00002", "USD", "1000.00"),
            new InvoiceSummary(new DateOnly(2026, 10, 1), Created.AddDays(-31), Created, "final", "ACME-00001", "JPY", "150"),
        ],
        [typeof(InvoiceList)] =
        [
            new InvoiceList(InvoiceResult.NoContract, [new InvoiceSummary(new DateOnly(2026, 11, 1), Created, Created.AddDays(30), "draft", null, "USD", "1000.00")], "no contract", "put one"),
            new InvoiceList(InvoiceResult.Ok, [], null, null),
        ],
        [typeof(LineItemInfo)] =
        [
            new LineItemInfo(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), Guid.Parse("7f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "ticket_resolved", "T-1", Created, "reversed"),
            new LineItemInfo(Guid.Empty, null, "ticket_resolved", "T-1", Created, null),
        ],
        [typeof(LineItems)] =
        [
            new LineItems(InvoiceResult.UnknownLine, [new LineItemInfo(Guid.Empty, null, "ticket_resolved", "T-1", Created, "resolved")], "no line 9", "use 0 to 3"),
            new LineItems(InvoiceResult.Ok, [], null, null),
        ],
        [typeof(ChargeInfo)] =
        [
            new ChargeInfo(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "acme", "ticket_resolved", 2, "T-1", Created, Created.AddHours(72), Created.AddHours(73), "support-bot", "3.1", """{"segment":"smb"}""", 12.5m, 3, "USD", 2.00m, 2.00m, """{"summary":"s"}""", 2),
            new ChargeInfo(Guid.Empty, "acme", "ticket_resolved", 1, "T-1", Created, Created, Created, null, null, "{}", null, null, null, null, null, "{}"),
        ],
        [typeof(CreditInfo)] =
        [
            new CreditInfo(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), Guid.Parse("00000000-1d2b-5c3e-9f40-0123456789ab"), "acme", "dispute", Created, "USD", 2.00m, """{"summary":"s"}""", Guid.Parse("01a23ad8-3f09-7829-9edb-91bcd8ebe26a")),
            new CreditInfo(Guid.Empty, Guid.Empty, "acme", "reversed", Created, "USD", 2.00m, "{}"),
            new CreditInfo(Guid.Empty, Guid.Empty, "acme", "voided", Created, null, null, "{}"),
        ],
        [typeof(NewWebhookEndpoint)] = [new NewWebhookEndpoint("https://billing.example.com/witn", ["charge.committed"], "acme"), new NewWebhookEndpoint("http://localhost/", [], null)],
        [typeof(WebhookEndpointInfo)] = [Hook, Hook with { TenantId = null, DisabledAt = null, Events = [] }],
        [typeof(CreatedWebhookEndpoint)] = [new CreatedWebhookEndpoint(Hook, "whsec_s3cr3t")],
        [typeof(WebhookDeliveryQuery)] = [new WebhookDeliveryQuery(WebhookDeliveryStatus.Delivered, Hook.Id, "acme", 10, Guid.Parse("7a0c3e51-2f4d-4b8a-9e16-5c2d8f0b1a47")), new WebhookDeliveryQuery(null, null, null, 100)],
        [typeof(WebhookDeliveryInfo)] = [Dead, Dead with { Status = WebhookDeliveryStatus.Pending, LastStatusCode = null, LastError = null, DeliveredAt = null }],
        [typeof(WebhookReplayReply)] = [new WebhookReplayReply(WebhookReplayStatus.EndpointDisabled, Dead), new WebhookReplayReply(WebhookReplayStatus.NotFound, null)],
        [typeof(DisputeSurrogate)] =
        [
            new DisputeSurrogate(Disputed.Id, Disputed.TenantId, Disputed.ChargeId, Disputed.Outcome, Disputed.Correlation, Disputed.Status, Disputed.Reason, Disputed.Amount,
                Disputed.Currency, Disputed.OpenedAt, Disputed.AckDueBy, Disputed.ResolveDueBy, Disputed.EvidenceSha256, [.. Disputed.Thread], Disputed.AcknowledgedAt,
                Disputed.Proposal, Disputed.Resolution, Disputed.OverdueNotifiedAt),
            new DisputeSurrogate(Guid.Empty, "acme", Guid.Empty, "ticket_resolved", "T-1", DisputeStatus.Open, DisputeReason.NotAchieved, 0.01m, "USD", Created, Created, Created, "", [], null, null, null, null),
        ],
        [typeof(DisputeMessageSurrogate)] = [new DisputeMessageSurrogate(DisputeAuthor.Operator, "0123456789abcdef", "We are looking into it.", Created)],
        [typeof(DisputeProposalSurrogate)] = [new DisputeProposalSurrogate(1.50m, "half of it", "0123456789abcdef", Created)],
        [typeof(DisputeResolutionSurrogate)] =
        [
            new DisputeResolutionSurrogate(DisputeDecisionKind.Reject, 1.50m, "it stands", "0123456789abcdef", "fedcba9876543210", Created, Guid.Parse("7f1c2a4e-1d2b-5c3e-9f40-0123456789ab")),
            new DisputeResolutionSurrogate(DisputeDecisionKind.Credit, 0m, "half of it", "0123456789abcdef", null, Created, null),
        ],
        [typeof(DisputeRefusalSurrogate)] =
        [
            new DisputeRefusalSurrogate(DisputeRefusalKind.Conflict, "amount", "charge has an open dispute", "add a message to it", Disputed),
            new DisputeRefusalSurrogate(DisputeRefusalKind.Invalid, "", "reason is missing", "give one", null),
        ],
        [typeof(DisputeView)] = [new DisputeView(Disputed, true), new DisputeView(Disputed with { Thread = [], Proposal = null, Resolution = null }, false)],
        [typeof(DisputeReply)] = [new DisputeReply(new DisputeView(Disputed, true), true, Refused), new DisputeReply(null, false, null)],
        [typeof(DisputeOpen)] = [new DisputeOpen("duplicate", "billed twice", 1.00m, "0123456789abcdef"), new DisputeOpen(null, null, null, "portal")],
        [typeof(DisputeDecision)] = [new DisputeDecision(DisputeDecisionKind.Reject, 1.00m, "fair", "0123456789abcdef"), new DisputeDecision(DisputeDecisionKind.Credit, null, null, "k")],
        [typeof(ChargeDisputes)] =
        [
            new ChargeDisputes(Disputed.ChargeId, "acme", 2.00m, "USD", 1.50m, 0.50m, [new DisputeView(Disputed, true)]),
            new ChargeDisputes(Guid.Empty, "acme", null, null, 0m, 0m, []),
        ],
        [typeof(DisputeCreditedAmount)] = [new DisputeCreditedAmount("EUR", 1.50m), new DisputeCreditedAmount("JPY", 0m)],
        [typeof(DisputeSummaryGroup)] =
        [
            new DisputeSummaryGroup("ticket_resolved", "support-bot", "3.1", 4, 1, 1, 1, [new DisputeCreditedAmount("USD", 0.50m)], 86400.5, 5, 4),
            new DisputeSummaryGroup(null, null, null, 0, 0, 0, 0, [], null, 0, 0),
        ],
        [typeof(QualityCountsSurrogate)] = [new QualityCountsSurrogate(10, 9, 8, 7, 6, 5, 4, 3, 12, 2, 11, 1, 13, 14, 15, 100, 16, 17)],
        [typeof(QualityCreditedAmount)] = [new QualityCreditedAmount("EUR", 1.50m), new QualityCreditedAmount("JPY", 0m)],
        [typeof(QualityRequest)] =
        [
            new QualityRequest("acme", Created.Date, Created.Date.AddDays(7), QualityGrouping.AgentVersion, QualityInterval.Week, "ticket_resolved", "support-bot", ["3.1", "3.2"]),
            new QualityRequest("acme", null, null, QualityGrouping.None, QualityInterval.Whole),
        ],
        [typeof(QualityGroup)] =
        [
            new QualityGroup("ticket_resolved", "support-bot", "3.1", Created.Date, new QualityCounts(10, 9, 8, 7, 6, 5, 4, 3, 12, 2, 11, 1, 13, 14, 15, 100, 16, 17),
                [0, 141], [2, 5], [new QualityCreditedAmount("USD", 0.50m)]),
            new QualityGroup(null, null, null, null, QualityCounts.Zero, [], [], []),
        ],
        [typeof(ClockAdvanceReply)] = [new ClockAdvanceReply(Created, 12, 503, "retry the advance"), new ClockAdvanceReply(null, 0, null, null, Complete: false)],
        [typeof(OutcomeBacklog)] =
        [
            new OutcomeBacklog(3, [new OutcomeListItem("ticket_resolved", "T-2", 1, "qualified", Created, null, Created.AddHours(72), null, null, null, 1, Created)]),
            new OutcomeBacklog(0, []),
        ],
        [typeof(AlertExampleInfo)] = [new AlertExampleInfo("ticket_resolved", "T-1", Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab")), new AlertExampleInfo("ticket_resolved", "T-2", null)],
        [typeof(AlertSeriesInfo)] =
        [
            new AlertSeriesInfo("acme", "support-bot\n3.2", "firing", Created, Guid.Parse("00000000-1d2b-5c3e-9f40-0123456789ab"), Created.AddHours(1)),
            new AlertSeriesInfo("acme", "", "pending", null, null, Created),
        ],
        [typeof(AlertRuleInfo)] =
        [
            new AlertRuleInfo("""{"name":"r"}""", Created, Created.AddHours(1), [new AlertSeriesInfo("acme", "", "firing", Created, Guid.Parse("00000000-1d2b-5c3e-9f40-0123456789ab"), Created)]),
            new AlertRuleInfo("""{"name":"evidence-incomplete"}""", null, null, []),
        ],
        [typeof(AlertPutReply)] = [new AlertPutReply(new AlertRuleInfo("""{"name":"r"}""", Created, Created, [new AlertSeriesInfo("acme", "", "ok", null, null, Created)]), true)],
        [typeof(AlertHistoryInfo)] =
        [
            new AlertHistoryInfo(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "conversion", "acme", "support-bot\n3.2", "resolved", Created, Created.Date,
                """{"name":"conversion"}""", 0.3333m, 6, 1m, 0.05m, 14, [new AlertExampleInfo("ticket_resolved", "T-1", null)],
                Guid.Parse("00000000-1d2b-5c3e-9f40-0123456789ab"), 7),
            new AlertHistoryInfo(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "settlement-backlog", "acme", "", "triggered", Created, null,
                """{"name":"settlement-backlog"}""", null, 0, null, null, null, [], null, 1),
        ],
        [typeof(SimulationInfo)] =
        [
            new SimulationInfo(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "price test", "done", """{"from":null}""", 10, 10, 4, 100,
                """{"holds":true}""", """{"flips":1}""", "partition failed", Created, Created, Created.AddMinutes(1), Created.AddDays(30)),
            new SimulationInfo(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ac"), null, "queued", "{}", 0, 0, 0, 0, null, null, "boom", Created, null, null, Created.AddDays(30)),
        ],
        [typeof(SimulationResultInfo)] = [new SimulationResultInfo("acme", "ticket_resolved", Created, "USD", 12, 18.00m, 11, 22.50m), new SimulationResultInfo("acme", "", Created, null, 0, 0m, 0, 0m)],
        [typeof(SimulationOutcomeInfo)] = [new SimulationOutcomeInfo("acme", "ticket_resolved", "T-1", """{"status":"settled"}""", """{"status":"voided"}""", [Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab")])],
        [typeof(ReplayPartitionReport)] = [new ReplayPartitionReport(3_000_000, 1_000_000, 2, 12, true), new ReplayPartitionReport(0, 0, 0, 0, false)],
        [typeof(ShadowPricing)] = [new ShadowPricing(true, 2.5m, 3), new ShadowPricing(false, null, null)],
        [typeof(ShadowFlip)] =
        [
            new ShadowFlip(Guid.Parse("6f1c2a4e-1d2b-5c3e-9f40-0123456789ab"), "ticket_resolved", "T-1", new ShadowPricing(true, 2m, 1), new ShadowPricing(true, 3m, 2)),
            new ShadowFlip(null, "lead_booked", "L-1", new ShadowPricing(false, null, null), new ShadowPricing(true, null, 1)),
        ],
        [typeof(ShadowOutcomeLine)] = [new ShadowOutcomeLine("ticket_resolved", true, 3, 6m, 4, 12m), new ShadowOutcomeLine("lead_booked", false, 0, 0m, 0, 0m)],
        [typeof(ShadowComparison)] =
        [
            new ShadowComparison("acme", new DateOnly(2030, 1, 1), Created, Created.AddDays(31), "USD", 2, 1,
                [new ShadowOutcomeLine("ticket_resolved", true, 3, 6m, 4, 12m)],
                1006m, 1012m,
                [new ShadowFlip(null, "ticket_resolved", "T-1", new ShadowPricing(false, null, null), new ShadowPricing(true, 3m, 1))], 1, Created.AddHours(2)),
            new ShadowComparison("acme", new DateOnly(2030, 1, 1), Created, Created.AddDays(31), "EUR", null, null, [], 0m, 0m, [], 0, Created),
        ],
        [typeof(ShadowComparisonReply)] =
        [
            new ShadowComparisonReply(Witn.Abstractions.Invoices.InvoiceResult.NoContract,
                new ShadowComparison("acme", new DateOnly(2030, 1, 1), Created, Created.AddDays(31), "EUR", null, null, [], 0m, 0m, [], 0, Created), "no contract", "put one"),
            new ShadowComparisonReply(Witn.Abstractions.Invoices.InvoiceResult.Ok, null, null, null),
        ],
        [typeof(PromotionRequest)] = [new PromotionRequest(Created, 5.5m, true), new PromotionRequest(Created, null, false)],
        [typeof(PromotionDeviation)] = [new PromotionDeviation("acme", new DateOnly(2030, 1, 1), "USD", 1000m, 1100m, 10m), new PromotionDeviation("acme", new DateOnly(2030, 1, 1), "USD", 0m, 5m, null)],
        [typeof(PromotionReply)] =
        [
            new PromotionReply(PromotionResult.Deviates, AcmeV3, Ticket, new PromotionDeviation("acme", new DateOnly(2030, 1, 1), "USD", 1000m, 1100m, 10m), "too far", "force it"),
            new PromotionReply(PromotionResult.Promoted, null, null, null, null, null),
        ],
    };
}
