using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Witn.Abstractions.Ledger;
using Witn.Abstractions.Outcomes;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Ingestion;
using Witn.Domain.Settlement;
using Witn.Grains.Tenants;
using Witn.Storage.Outcomes;
using Witn.Storage.Telemetry;

namespace Witn.Grains.Outcomes;

/// <summary>
/// One outcome's lifecycle. Thin by design: load the stored events, let the domain fold decide the status at the
/// tenant's clock, ask the domain's <see cref="SettlementDecision"/> what the ledger still needs, carry that out,
/// persist (group-committed with other outcomes), schedule.
/// Ledger before self: a charge or credit is committed first and only then recorded here, so a crash in between
/// ends in a retry that finds the existing row (unique per outcome and sequence, or per charge) and changes nothing.
/// Whenever the stored row may be missing a ledger row (it was due when written, or a ledger call failed), the
/// ledger is asked before any decision other than a charge (whose commit finds an unrecorded one by itself).
/// Live tenants keep one Orleans reminder for the next due moment, and every silo's due sweep ticks what a lost
/// reminder left behind; sandbox tenants are ticked by their clock's advance. Both find due outcomes through the
/// stored next_due_at.
/// </summary>
public sealed partial class OutcomeGrain(
    OutcomeStore store,
    Witn.Storage.Replay.ReplayStore reviews,
    IDefinitionCatalog catalog,
    DefinitionVersions versions,
    TenantClock clock,
    IChargePricer pricer,
    ISettlementMilestoneHook milestones,
    Microsoft.Extensions.Options.IOptions<OutcomeGrainOptions> options,
    ILogger<OutcomeGrain> logger,
    OutcomeMetrics? metrics = null) : Grain, IOutcomeGrain, IRemindable
{
    private const string ReminderName = "due";

    private const int MaxSteps = SettlementDecision.MaxStepsPerSync;

    private string _tenant = "";
    private string _definition = "";
    private string _correlation = "";
    // The events (arrival order) and review decisions are the state; the fold over them is rebuilt for a call and
    // kept between calls only for outcomes with many events. Most outcomes hold a few events, and a silo holds
    // them by the million: the fold's accumulators would be a good part of each one's memory.
    private const int ResidentFoldThreshold = 8;
    private CompiledDefinition? _compiled;
    private OutcomeFold? _resident;
    private List<ReviewDecision>? _reviews;
    private int _definitionVersion;
    private readonly List<OutcomeEvent> _events = [];
    private readonly List<HeldCharge> _charges = [];
    private int? _contractVersion;
    private DateTimeOffset? _reminderAt;
    private DateTimeOffset? _evaluatedAt;
    // The ledger may hold a row for this outcome that _charges lacks; it is asked before deciding anything but a charge.
    private bool _ledgerUnsure;
    // The stored next_due_at at activation: if that moment has passed, the last run may have committed without recording.
    private DateTimeOffset? _restoredDue;
    private bool _reviewUnsaved;
    // What was last written and can change with time alone (everything else changes only with _dirty set).
    private string? _persistedStatus;
    private DateTimeOffset? _persistedNextDue;
    private bool _dirty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _definition, _correlation) = OutcomeKey.Parse(this.GetPrimaryKeyString());
        // Tenant ids and definition names are few and repeat in every outcome of a silo: one copy each.
        (_tenant, _definition) = (string.Intern(_tenant), string.Intern(_definition));
        if (await store.ReadAsync(_tenant, _definition, _correlation) is not { } record)
        {
            return;
        }

        var state = JsonSerializer.Deserialize<OutcomeGrainState>(record.StateJson, OutcomeStateJson.Options)
            ?? throw new InvalidDataException($"outcome {this.GetPrimaryKeyString()} has empty stored state");
        _definitionVersion = state.DefinitionVersion;
        _events.AddRange(state.Events.Select(WithSharedStrings));
        _compiled = await versions.CompiledAsync(_definition, _definitionVersion);
        _reviews = state.Reviews is { Count: > 0 } reviews ? [.. reviews] : null;
        (_contractVersion, _reminderAt, _evaluatedAt) = (state.ContractVersion, state.ReminderAt, state.EvaluatedAt);
        if (state.Charges is { } charges)
        {
            _charges.AddRange(charges);
        }
        else if (state.ChargeId is not null)
        {
            // A row from before outcomes held several charges: its terms are the ledger's to tell.
            _ledgerUnsure = true;
        }

        (_persistedStatus, _persistedNextDue, _restoredDue) = (record.Summary.Status, record.Summary.NextDueAt, record.Summary.NextDueAt);
    }

    public async Task<int> ApplyAsync(OutcomeEvent[] events)
    {
        using var activity = StartActivity("witn.outcome.apply", events);
        if (_compiled is null)
        {
            // The first event pins the definition version: a newer version applies to new outcomes only.
            // The router knew this definition; this silo's catalog may lag by a notification: reload, and if it is
            // still unknown fail the call, so the log redelivers rather than an acked event being dropped.
            if (catalog.Current.Find(_definition) is null)
            {
                await catalog.RefreshAsync(_definition);
            }

            if (catalog.Current.Find(_definition) is not { } entry)
            {
                LogUnknownDefinition(_definition, _tenant);
                throw new InvalidOperationException($"definition {_definition} is not known on this silo yet; the event is redelivered");
            }

            _definitionVersion = entry.Version;
            _compiled = entry.Definition;
        }

        var applied = 0;
        foreach (var e in events)
        {
            var held = WithSharedStrings(e);
            if (Current.Apply(held) == ApplyResult.Applied)
            {
                _events.Add(held);
                applied++;
            }
        }

        // A retry after a failed write finds its events already folded: it still has to persist them.
        if (applied == 0 && !_dirty)
        {
            ForgetSmallFold();
            return 0;
        }

        _dirty = true;
        var (now, sandbox) = await clock.NowAsync(_tenant);
        await SyncAsync(now, sandbox);
        return applied;
    }

    public async Task<OutcomeTick> TickAsync(DateTimeOffset? now)
    {
        if (_compiled is null)
        {
            return new OutcomeTick(OutcomeStatus.Open, null);
        }

        using var activity = StartActivity("witn.outcome.tick", _events);
        var (tenantNow, sandbox) = await clock.NowAsync(_tenant);
        var at = now ?? tenantNow;
        var status = await SyncAsync(at, sandbox);
        return new OutcomeTick(status, _persistedNextDue);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_compiled is null)
        {
            // A reminder registered by a first write that then failed: nothing is stored, nothing is due.
            if (await this.GetReminder(ReminderName) is { } orphan)
            {
                await this.UnregisterReminder(orphan);
            }

            return;
        }

        using var activity = StartActivity("witn.outcome.tick", _events);
        var (now, sandbox) = await clock.NowAsync(_tenant);
        await SyncAsync(now, sandbox);
    }

    public async Task<ReviewReply> ReviewAsync(ReviewRequest request)
    {
        var (now, sandbox) = await clock.NowAsync(_tenant);
        if (_compiled is null || Current.Progress(now).Status != OutcomeStatus.InReview)
        {
            var status = _compiled is null ? "has no events" : $"is {OutcomeStatuses.ToName(Current.Progress(now).Status)}";
            ForgetSmallFold();
            return new ReviewReply(null, $"outcome {_definition} for '{_correlation}' {status}; only outcomes in review take a decision");
        }

        var decision = new ReviewDecision(request.Verdict, now, request.DecidedBy, request.Note);
        // Recorded before it takes effect: replay and rebuild take review decisions from this record.
        await reviews.RecordReviewAsync(_tenant, _definition, _correlation, decision, clock.RealNow);
        Current.Review(decision);
        (_reviews ??= []).Add(decision);
        _reviewUnsaved = true;
        _dirty = true;
        await SyncAsync(now, sandbox);
        return new ReviewReply(await GetAsync(), null);
    }

    public async Task<OutcomeView?> GetAsync()
    {
        if (_compiled is null)
        {
            return null;
        }

        var (now, _) = await clock.NowAsync(_tenant);
        var state = Current.Evaluate(now);
        var row = (await versions.GetAsync(_definition, _definitionVersion)).Row;
        var evidence = OutcomeEvidence.Build(_tenant, Current.Definition, row, _contractVersion, state, Current.Events);
        var events = Current.Events.ToArray();
        ForgetSmallFold();
        return new OutcomeView(
            _tenant,
            _definition,
            _correlation,
            _definitionVersion,
            _contractVersion,
            now,
            JsonSerializer.Serialize(state),
            events,
            evidence.Transitions,
            _charges.Count == 0 ? null : _charges[^1].Id,
            _charges.Count == 0 ? null : _charges[^1].CreditId,
            evidence.Summary,
            [.. _charges.Select(ToInfo)]);
    }

    public Task<Guid[]> GetEventIdsAsync()
    {
        var ids = _compiled is null ? [] : Current.Events.Select(e => e.EventId).ToArray();
        ForgetSmallFold();
        return Task.FromResult(ids);
    }

    public Task<Guid[]> GetArrivalsAsync() => Task.FromResult(_events.Select(e => e.EventId).ToArray());

    private OutcomeFold Current => _resident ??= OutcomeFold.Restore(_compiled!, _events, _reviews);

    private void ForgetSmallFold()
    {
        if (_events.Count <= ResidentFoldThreshold)
        {
            _resident = null;
        }
    }

    // The event as this outcome keeps it: with the silo's one copy of the tenant id and of the event type (the
    // fold keeps only types its definition listens to, so the interned set stays small). Outcomes live by the
    // million in a silo; per-event copies of these strings were a tenth of an outcome's memory.
    private OutcomeEvent WithSharedStrings(OutcomeEvent e)
    {
        if (e.Properties.ValueKind == System.Text.Json.JsonValueKind.Undefined)
        {
            e = e with { Properties = OutcomeEvent.ParseProperties("{}") };
        }

        var type = string.IsInterned(e.Type) ?? (_compiled is null || _compiled.TypeId(e.Type) >= 0 ? string.Intern(e.Type) : e.Type);
        return ReferenceEquals(e.TenantId, _tenant) && ReferenceEquals(e.Type, type) ? e : e with { TenantId = _tenant, Type = type };
    }

    /// <summary>
    /// Decides at <paramref name="now"/>, commits what is due to the ledger, persists, schedules. If any of it
    /// fails, the activation is dropped: the stored row stays the truth, and the caller's retry (a redelivery, the
    /// next tick or reminder) starts again from it.
    /// </summary>
    private async Task<OutcomeStatus> SyncAsync(DateTimeOffset now, bool sandbox)
    {
        try
        {
            return await SyncCoreAsync(now, sandbox);
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        finally
        {
            ForgetSmallFold();
        }
    }

    private async Task<OutcomeStatus> SyncCoreAsync(DateTimeOffset now, bool sandbox)
    {
        var fold = Current;
        // An outcome's clock never goes back (a silo whose cached clock lags must not undo a settlement).
        now = _evaluatedAt is { } last && last > now ? last : now;
        _evaluatedAt = now;
        if (_restoredDue is { } restoredDue && restoredDue <= now)
        {
            _ledgerUnsure = true;
        }

        _restoredDue = null;
        var progress = fold.Progress(now);
        // Only active definitions charge: a shadow one never does, and a retired one no longer receives the reversals
        // that could take a charge back, so its unsettled outcomes are not charged either. One promoted from shadow
        // charges only outcomes that started at or after its boundary (the rule the replay engine applies too).
        // The first event is only looked for when a boundary makes it matter (outcomes may hold many events).
        var billable = catalog.Current.Find(_definition) is { } entry
            && DefinitionBilling.Billable(entry.Status, entry.ActiveFrom, entry.ActiveFrom is null || _events.Count == 0 ? now : _events.Min(e => e.Timestamp));

        // A decision is stored before it can lead to a charge, so a crash cannot leave a charge behind a lost approval;
        // stored as due now, so a crash before the charge leaves the outcome due and the ledger asked on restart.
        if (_reviewUnsaved)
        {
            await PersistAsync(progress, now, now);
            _reviewUnsaved = false;
        }

        var priced = default(Priced?);
        var step = SettlementStep.None;
        for (var steps = 0; ; steps++)
        {
            if (SettlementDecision.NeedsTerms(progress.Status, billable, _charges))
            {
                priced ??= await PriceAsync(fold, now);
            }

            step = SettlementDecision.Next(progress.Status, billable, priced?.Terms, _charges);
            if (step.IsNone)
            {
                break;
            }

            if (step.Kind != SettlementStepKind.Charge && _ledgerUnsure)
            {
                await ReconcileAsync();
                priced = null; // the first charge, which pins the contract version, may only now be known
                continue;
            }

            if (steps >= MaxSteps)
            {
                LogUnsettled(_definition, _correlation, _tenant, step.Kind, MaxSteps);
                break;
            }

            try
            {
                if (step.Kind == SettlementStepKind.Charge)
                {
                    // Not due in the stored row (a late event, a review, a re-issue): mark it due first, so a crash
                    // after the commit leaves a row that asks the ledger before deciding anything else.
                    if (_persistedNextDue is not { } due || due > now)
                    {
                        await PersistAsync(progress, now, now);
                    }

                    await ChargeAsync(priced!, step.Sequence, sandbox ? null : now);
                }
                else
                {
                    await CreditAsync(fold, step.ChargeId, step.Cause, now);
                }
            }
            catch
            {
                _ledgerUnsure = true;
                throw;
            }
        }

        // Still owed to the ledger: due at once, so the next tick, reminder or sweep retries it.
        var nextDue = EventTimestamps.Normalize(step.IsNone ? progress.NextDueAt : now);

        if (!sandbox)
        {
            await ScheduleAsync(nextDue, now);
        }

        if (_charges.Count > 0)
        {
            milestones.Reached(SettlementMilestone.AfterReminder);
        }

        await PersistAsync(progress, nextDue, now);
        return progress.Status;
    }

    // The fold's state and the contract's price for a charge made now (the explanation is built once per sync).
    private async Task<Priced> PriceAsync(OutcomeFold fold, DateTimeOffset now)
    {
        var state = fold.Evaluate(now);
        var pricing = await pricer.PriceAsync(
            _tenant, _definition, state.FirstEventAt!.Value, state.Dimensions, state.Value, _charges.Count == 0 ? null : _charges[0].Terms);
        return new Priced(state, pricing, pricing.Terms(state.Value), fold);
    }

    private async Task ReconcileAsync()
    {
        var held = await GrainFactory.GetGrain<ILedgerGrain>(_tenant).FindChargesAsync(_definition, _correlation);
        _charges.Clear();
        _charges.AddRange(held.Select(ToHeld));
        _ledgerUnsure = false;
        _dirty = true;
    }

    /// <param name="liveNow">The live clock's now, to measure how late the charge is; null on a sandbox clock.</param>
    private async Task ChargeAsync(Priced priced, int sequence, DateTimeOffset? liveNow)
    {
        var (state, price, fold) = (priced.State, priced.Pricing, priced.Fold);
        using var activity = StartLedgerActivity("charge", fold.Events);
        var row = (await versions.GetAsync(_definition, _definitionVersion)).Row;
        var evidence = OutcomeEvidence.Build(_tenant, fold.Definition, row, price.ContractVersion, state, fold.Events);
        milestones.Reached(SettlementMilestone.BeforeLedgerCommit);
        var receipt = await GrainFactory.GetGrain<ILedgerGrain>(_tenant).CommitChargeAsync(new ChargeCommit(
            _tenant,
            _definition,
            _definitionVersion,
            _correlation,
            state.QualifiedAt!.Value,
            state.SettlesAt!.Value,
            state.AttributedAgent?.Id,
            state.AttributedAgent?.Version,
            JsonSerializer.Serialize(state.Dimensions.ToDictionary(d => d.Path, d => d.Value)),
            state.Value,
            price.ContractVersion,
            price.Currency,
            price.UnitPrice,
            price.Amount,
            evidence.Json,
            price.Bucket,
            sequence));
        milestones.Reached(SettlementMilestone.AfterLedgerCommit);
        // What the ledger holds, not what was sent: a retry that found an earlier commit keeps that one's terms.
        var held = receipt.Charge is { } stored ? ToHeld(stored) : new HeldCharge(receipt.Id, sequence, priced.Terms, null);
        _charges.Add(held);
        _contractVersion ??= held.Terms.ContractVersion;
        // A charge this call created proves no later sequence exists; one that existed may have had successors.
        _ledgerUnsure = !receipt.Created;
        _dirty = true;
        LogCharged(_definition, _correlation, _tenant, receipt.Id, sequence, receipt.Created);
        activity?.SetTag("witn.charge.id", receipt.Id.ToString());
        activity?.SetTag("witn.charge.created", receipt.Created);
        if (receipt.Created && liveNow is { } at && state.SettlesAt is { } settles)
        {
            metrics?.Settled(_tenant, _definition, at - settles);
        }
    }

    private async Task CreditAsync(OutcomeFold fold, Guid chargeId, CreditCause cause, DateTimeOffset now)
    {
        using var activity = StartLedgerActivity("credit", fold.Events);
        var state = fold.Evaluate(now);
        var row = (await versions.GetAsync(_definition, _definitionVersion)).Row;
        var evidence = OutcomeEvidence.Build(_tenant, fold.Definition, row, _contractVersion, state, fold.Events);
        var receipt = await GrainFactory.GetGrain<ILedgerGrain>(_tenant).CreditAsync(
            new CreditCommit(chargeId, $"{CreditCauses.ToName(cause)}: {evidence.Summary}", null, evidence.Json, now));
        var index = _charges.FindIndex(c => c.Id == chargeId);
        _charges[index] = _charges[index] with { CreditId = receipt.Id };
        _dirty = true;
        LogCredited(_definition, _correlation, _tenant, receipt.Id, chargeId, CreditCauses.ToName(cause));
    }

    private static HeldCharge ToHeld(OutcomeChargeInfo c) =>
        new(c.Id, c.Sequence, new ChargeTerms(c.ContractVersion, c.Currency, c.UnitPrice, c.Amount, c.Bucket, c.Value), c.CreditId);

    private static OutcomeChargeInfo ToInfo(HeldCharge c) =>
        new(c.Id, c.Sequence, c.Terms.ContractVersion, c.Terms.Currency, c.Terms.UnitPrice, c.Terms.Amount, c.Terms.Bucket, c.Terms.Value, c.CreditId);

    private async Task ScheduleAsync(DateTimeOffset? nextDue, DateTimeOffset now)
    {
        if (nextDue == _reminderAt)
        {
            return;
        }

        if (nextDue is { } due)
        {
            var wait = due - now;
            await this.RegisterOrUpdateReminder(ReminderName, wait < TimeSpan.Zero ? TimeSpan.Zero : wait, options.Value.ReminderPeriod);
        }
        else if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderAt = nextDue;
        _dirty = true;
    }

    private async Task PersistAsync(OutcomeProgress progress, DateTimeOffset? nextDue, DateTimeOffset now)
    {
        var fold = Current;
        var summary = new OutcomeSummary(
            _tenant,
            _definition,
            _correlation,
            _definitionVersion,
            OutcomeStatuses.ToName(progress.Status),
            _events.Count == 0 ? null : _events.Min(e => e.Timestamp).ToUniversalTime(),
            progress.QualifiedAt,
            progress.SettlesAt,
            nextDue,
            _charges.Count == 0 ? null : _charges[^1].Id,
            _charges.Count == 0 ? null : _charges[^1].CreditId,
            _events.Count,
            clock.RealNow);
        if (!_dirty && _persistedStatus == summary.Status && _persistedNextDue == summary.NextDueAt)
        {
            return;
        }

        var state = new OutcomeGrainState(_definitionVersion, _events, fold.Reviews, null, null, _contractVersion, null, _reminderAt, _charges, _evaluatedAt);
        await store.WriteAsync(new OutcomeRecord(summary, JsonSerializer.Serialize(state, OutcomeStateJson.Options), _events.Count == 0 ? null : _events[0].Agent));
        if (!string.Equals(_persistedStatus, summary.Status, StringComparison.Ordinal))
        {
            metrics?.Transition(_tenant, _definition, summary.Status);
        }

        (_persistedStatus, _persistedNextDue) = (summary.Status, summary.NextDueAt);
        _dirty = false;
    }

    // A span of this outcome, linked to the spans that produced its events (the agent's trace reaches the charge).
    private Activity? StartActivity(string name, IEnumerable<OutcomeEvent> events)
    {
        if (!WitnTelemetry.OutcomesSource.HasListeners())
        {
            return null;
        }

        var activity = WitnTelemetry.OutcomesSource.StartActivity(ActivityKind.Internal, default(ActivityContext), links: EventLinks.For(events), name: name);
        activity?.SetTag("witn.tenant", _tenant);
        activity?.SetTag("witn.definition", _definition);
        return activity;
    }

    private Activity? StartLedgerActivity(string kind, IEnumerable<OutcomeEvent> events)
    {
        if (!WitnTelemetry.LedgerSource.HasListeners())
        {
            return null;
        }

        var activity = WitnTelemetry.LedgerSource.StartActivity(ActivityKind.Internal, default(ActivityContext), links: EventLinks.For(events), name: "witn.ledger.commit");
        activity?.SetTag("witn.ledger.kind", kind);
        activity?.SetTag("witn.tenant", _tenant);
        activity?.SetTag("witn.definition", _definition);
        return activity;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events for unknown definition {Definition} of tenant {Tenant} were not applied")]
    private partial void LogUnknownDefinition(string definition, string tenant);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outcome {Definition}/{Correlation} of tenant {Tenant} charged: {ChargeId} (sequence {Sequence}, new: {Created})")]
    private partial void LogCharged(string definition, string correlation, string tenant, Guid chargeId, int sequence, bool created);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outcome {Definition}/{Correlation} of tenant {Tenant} credited ({Cause}): {CreditId} against charge {ChargeId}")]
    private partial void LogCredited(string definition, string correlation, string tenant, Guid creditId, Guid chargeId, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outcome {Definition}/{Correlation} of tenant {Tenant} still needs a {Step} after {Steps} ledger steps in one sync; it stays due")]
    private partial void LogUnsettled(string definition, string correlation, string tenant, SettlementStepKind step, int steps);

    /// <summary>The state, price and terms of a charge made at one sync.</summary>
    private sealed record Priced(OutcomeState State, ChargePricing Pricing, ChargeTerms Terms, OutcomeFold Fold);
}
