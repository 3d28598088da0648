using System.Text.Json;
using Microsoft.Extensions.Logging;
using Witn.Abstractions.Ledger;
using Witn.Abstractions.Outcomes;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Ingestion;
using Witn.Grains.Tenants;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>
/// One outcome's lifecycle. Thin by design: load the stored events, let the domain fold decide the status at the
/// tenant's clock, commit to the ledger when it is due, persist (group-committed with other outcomes), schedule.
/// Ledger before self: the charge is committed first and only then recorded here, so a crash in between ends in a
/// retry that finds the existing charge (unique per outcome) and changes nothing.
/// Live tenants keep one Orleans reminder for the next due moment; sandbox tenants are ticked by their clock's
/// advance, which finds due outcomes through the stored next_due_at.
/// </summary>
public sealed partial class OutcomeGrain(
    OutcomeStore store,
    IDefinitionCatalog catalog,
    DefinitionVersions versions,
    TenantClock clock,
    IChargePricer pricer,
    OutcomeFaults faults,
    OutcomeGrainOptions options,
    ILogger<OutcomeGrain> logger) : Grain, IOutcomeGrain, IRemindable
{
    private const string ReminderName = "due";

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
    private Guid? _chargeId;
    private decimal? _chargeAmount;
    private int? _contractVersion;
    private Guid? _creditId;
    private DateTimeOffset? _reminderAt;
    private DateTimeOffset? _evaluatedAt;
    private bool _ledgerChecked;
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
        _events.AddRange(state.Events.Select(Share));
        _compiled = await versions.CompiledAsync(_definition, _definitionVersion);
        _reviews = state.Reviews is { Count: > 0 } reviews ? [.. reviews] : null;
        (_chargeId, _chargeAmount, _contractVersion, _creditId, _reminderAt) =
            (state.ChargeId, state.ChargeAmount, state.ContractVersion, state.CreditId, state.ReminderAt);
        (_persistedStatus, _persistedNextDue) = (record.Summary.Status, record.Summary.NextDueAt);
    }

    public async Task<int> ApplyAsync(OutcomeEvent[] events)
    {
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
            var held = Share(e);
            if (Current.Apply(held) == ApplyResult.Applied)
            {
                _events.Add(held);
                applied++;
            }
        }

        // A retry after a failed write finds its events already folded: it still has to persist them.
        if (applied == 0 && !_dirty)
        {
            Release();
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

        var (now, sandbox) = await clock.NowAsync(_tenant);
        await SyncAsync(now, sandbox);
    }

    public async Task<ReviewReply> ReviewAsync(ReviewRequest request)
    {
        var (now, sandbox) = await clock.NowAsync(_tenant);
        if (_compiled is null || Current.Progress(now).Status != OutcomeStatus.InReview)
        {
            var status = _compiled is null ? "has no events" : $"is {OutcomeStatuses.ToName(Current.Progress(now).Status)}";
            Release();
            return new ReviewReply(null, $"outcome {_definition} for '{_correlation}' {status}; only outcomes in review take a decision");
        }

        var decision = new ReviewDecision(request.Verdict, now, request.DecidedBy, request.Note);
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
        Release();
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
            _chargeId,
            _creditId,
            evidence.Summary);
    }

    public Task<Guid[]> GetEventIdsAsync()
    {
        var ids = _compiled is null ? [] : Current.Events.Select(e => e.EventId).ToArray();
        Release();
        return Task.FromResult(ids);
    }

    public Task<Guid[]> GetArrivalsAsync() => Task.FromResult(_events.Select(e => e.EventId).ToArray());

    private OutcomeFold Current => _resident ??= OutcomeFold.Restore(_compiled!, _events, _reviews);

    private void Release()
    {
        if (_events.Count <= ResidentFoldThreshold)
        {
            _resident = null;
        }
    }

    // The event as this outcome keeps it: with the silo's one copy of the tenant id and of the event type (the
    // fold keeps only types its definition listens to, so the interned set stays small). Outcomes live by the
    // million in a silo; per-event copies of these strings were a tenth of an outcome's memory.
    private OutcomeEvent Share(OutcomeEvent e)
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
            Release();
        }
    }

    private async Task<OutcomeStatus> SyncCoreAsync(DateTimeOffset now, bool sandbox)
    {
        var fold = Current;
        // An outcome's clock never goes back (a silo whose cached clock lags must not undo a settlement).
        now = _evaluatedAt is { } last && last > now ? last : now;
        _evaluatedAt = now;
        var progress = fold.Progress(now);
        // Only active definitions bill: a shadow one never does, and a retired one no longer receives the reversals
        // that could take a charge back, so its unsettled outcomes are not charged either.
        var billable = catalog.Current.Find(_definition)?.Status is DefinitionStatus.Active;

        // A decision is stored before it can lead to a charge, so a crash cannot leave a charge behind a lost approval.
        if (_reviewUnsaved)
        {
            await PersistAsync(progress, EventTimestamps.Normalize(progress.NextDueAt), now);
            _reviewUnsaved = false;
        }

        // A charge may exist that this outcome never recorded (a crash between the ledger commit and its own write):
        // once it ends voided or rejected after its window could have closed, the ledger is asked once.
        if (_chargeId is null && !_ledgerChecked && progress.Status is OutcomeStatus.Voided or OutcomeStatus.Rejected
            && progress.SettlesAt is { } settles && settles + fold.Definition.Definition.Settlement.Grace <= now)
        {
            if (await GrainFactory.GetGrain<ILedgerGrain>(_tenant).FindChargeAsync(_definition, _correlation) is { } found)
            {
                (_chargeId, _chargeAmount) = (found.Id, found.Amount);
            }

            _ledgerChecked = true;
            _dirty = true;
        }

        // Reversed means it settled first (the reversal is stamped after the window closed): charged, then credited,
        // even when both become known at once, so the ledger is the same whatever order events arrived in.
        if (progress.Status is OutcomeStatus.Settled or OutcomeStatus.Reversed && _chargeId is null && billable)
        {
            await ChargeAsync(fold, now);
        }

        // Only an outcome that can no longer settle is credited; a status below settled (a clock that lags) is not.
        if (_chargeId is { } chargeId && _creditId is null && progress.Status is OutcomeStatus.Voided or OutcomeStatus.Reversed or OutcomeStatus.Rejected)
        {
            await CreditAsync(fold, chargeId, now, progress.Status);
        }

        // Still owed to the ledger (a commit failed): due at once, so the next tick or reminder retries it.
        var owed = (progress.Status is OutcomeStatus.Settled or OutcomeStatus.Reversed && _chargeId is null && billable)
            || (_chargeId is not null && _creditId is null && progress.Status is OutcomeStatus.Voided or OutcomeStatus.Reversed or OutcomeStatus.Rejected);
        var nextDue = EventTimestamps.Normalize(owed ? now : progress.NextDueAt);

        if (!sandbox)
        {
            await ScheduleAsync(nextDue, now);
        }

        await PersistAsync(progress, nextDue, now);
        return progress.Status;
    }

    private async Task ChargeAsync(OutcomeFold fold, DateTimeOffset now)
    {
        var state = fold.Evaluate(now);
        var price = await pricer.PriceAsync(_tenant, _definition, state.FirstEventAt!.Value, state.Dimensions, state.Value);
        var row = (await versions.GetAsync(_definition, _definitionVersion)).Row;
        var evidence = OutcomeEvidence.Build(_tenant, fold.Definition, row, price.ContractVersion, state, fold.Events);
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
            price.Bucket));
        faults.AfterLedgerCommit();
        (_chargeId, _chargeAmount, _contractVersion) = (receipt.Id, price.Amount, price.ContractVersion);
        _dirty = true;
        LogCharged(_definition, _correlation, _tenant, receipt.Id, receipt.Created);
    }

    private async Task CreditAsync(OutcomeFold fold, Guid chargeId, DateTimeOffset now, OutcomeStatus status)
    {
        var state = fold.Evaluate(now);
        var row = (await versions.GetAsync(_definition, _definitionVersion)).Row;
        var evidence = OutcomeEvidence.Build(_tenant, fold.Definition, row, _contractVersion, state, fold.Events);
        var receipt = await GrainFactory.GetGrain<ILedgerGrain>(_tenant).CreditAsync(
            new CreditCommit(chargeId, $"{OutcomeStatuses.ToName(status)}: {evidence.Summary}", null, evidence.Json, now));
        _creditId = receipt.Id;
        _dirty = true;
        LogCredited(_definition, _correlation, _tenant, receipt.Id, chargeId);
    }

    private async Task ScheduleAsync(DateTimeOffset? nextDue, DateTimeOffset now)
    {
        if (nextDue == _reminderAt)
        {
            return;
        }

        if (nextDue is { } due)
        {
            var wait = due - now;
            await this.RegisterOrUpdateReminder(ReminderName, wait < TimeSpan.Zero ? TimeSpan.Zero : wait, options.ReminderPeriod);
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
            _chargeId,
            _creditId,
            _events.Count,
            clock.RealNow);
        if (!_dirty && _persistedStatus == summary.Status && _persistedNextDue == summary.NextDueAt)
        {
            return;
        }

        var state = new OutcomeGrainState(_definitionVersion, _events, fold.Reviews, _chargeId, _chargeAmount, _contractVersion, _creditId, _reminderAt);
        await store.WriteAsync(new OutcomeRecord(summary, JsonSerializer.Serialize(state, OutcomeStateJson.Options)));
        (_persistedStatus, _persistedNextDue) = (summary.Status, summary.NextDueAt);
        _dirty = false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events for unknown definition {Definition} of tenant {Tenant} were not applied")]
    private partial void LogUnknownDefinition(string definition, string tenant);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outcome {Definition}/{Correlation} of tenant {Tenant} charged: {ChargeId} (new: {Created})")]
    private partial void LogCharged(string definition, string correlation, string tenant, Guid chargeId, bool created);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outcome {Definition}/{Correlation} of tenant {Tenant} credited: {CreditId} against charge {ChargeId}")]
    private partial void LogCredited(string definition, string correlation, string tenant, Guid creditId, Guid chargeId);
}
