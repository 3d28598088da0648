using Microsoft.Extensions.Logging;
using Witn.Abstractions.Alerts;
using Witn.Abstractions.Outcomes;
using Witn.Abstractions.Tenants;
using Witn.Domain.Common;
using Witn.Domain.Ingestion;
using Witn.Grains.Disputes;
using Witn.Grains.Invoices;
using Witn.Grains.Outcomes;
using Witn.Storage.Log;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Tenants;

/// <summary>
/// Advances a sandbox tenant's test clock. First routing must catch up with every event acked before the call
/// (else an outcome could settle without the reversal that was already sent), then the clock moves, then every
/// outcome with something due by the new instant is ticked at that instant, round after round until none is due.
/// Disputes past a due date at the new instant are marked overdue, and alert rules are evaluated at it. Calls for one tenant run one at a time (this grain is not reentrant), so advances never overlap.
/// </summary>
public sealed partial class TenantClockGrain(
    EventLogReader log, OutcomeStore outcomes, Invoicer invoicer, DisputeSweep disputes, Microsoft.Extensions.Options.IOptions<TenantClockOptions> clockOptions, TimeProvider time, ILogger<TenantClockGrain> logger)
    : Grain, ITenantClockGrain
{
    private readonly TenantClockOptions _options = clockOptions.Value;

    public async Task<ClockAdvanceReply> AdvanceAsync(DateTimeOffset to)
    {
        // The clock is stored at microsecond precision; ticking at exactly what is stored keeps "due" and "done" equal.
        to = EventTimestamps.Normalize(to);
        var id = this.GetPrimaryKeyString();
        var tenantGrain = GrainFactory.GetGrain<ITenantGrain>(id);
        var tenant = await tenantGrain.GetAsync();
        if (tenant is null)
        {
            return new ClockAdvanceReply(null, 0, 404, $"tenant '{id}' does not exist: create it with PUT /v1/tenants/{id}");
        }

        if (!tenant.Sandbox)
        {
            return new ClockAdvanceReply(null, 0, 409, $"tenant '{id}' is live and runs on real time; only sandbox tenants have a test clock");
        }

        if (tenant.ClockNow is { } now && to < now)
        {
            return new ClockAdvanceReply(tenant.ClockNow, 0, 400, $"the clock is at {Instants.Iso(now)} and never moves back: give 'to' at or after it");
        }

        var head = await log.GetTenantHeadAsync(id);
        var deadline = time.GetUtcNow() + _options.CatchUpTimeout;
        while (await tenantGrain.GetRoutedThroughAsync() < head)
        {
            if (time.GetUtcNow() > deadline)
            {
                return new ClockAdvanceReply(tenant.ClockNow, 0, 503, $"events acked before the advance have not all reached their outcomes within {_options.CatchUpTimeout.TotalSeconds:0} s; retry the advance");
            }

            await Task.Delay(_options.CatchUpPoll, time);
        }

        var moved = await tenantGrain.SetClockAsync(to);
        if (moved is null)
        {
            return new ClockAdvanceReply(null, 0, 409, $"the clock of tenant '{id}' moved past {Instants.Iso(to)} meanwhile; it never moves back");
        }

        var ticked = 0;
        var slice = time.GetUtcNow() + _options.TimeSlice;
        for (var round = 0; ; round++)
        {
            if (round > 0 && time.GetUtcNow() > slice)
            {
                LogAdvanced(id, to, ticked);
                return new ClockAdvanceReply(to, ticked, null, null, Complete: false);
            }

            var due = await outcomes.ListDueAsync(id, to, _options.TickBatch);
            if (due.Count == 0)
            {
                break;
            }

            if (round >= _options.MaxRounds)
            {
                return new ClockAdvanceReply(to, ticked, 503, $"{due.Count} outcomes are still due after {round} rounds (the ledger may be unavailable); retry the advance");
            }

            var succeeded = await DueOutcomes.TickAsync(
                GrainFactory, id, due, to, _options.TickConcurrency, (ex, definition, correlation) => LogTickFailed(ex, id, definition, correlation));
            ticked += succeeded;
            if (succeeded == 0)
            {
                // Nothing moved (the database or the ledger is failing): say so rather than spin.
                return new ClockAdvanceReply(to, ticked, 503, $"{due.Count} due outcomes could not be brought up to date (see the silo log); retry the advance");
            }
        }

        // Periods that ended (plus grace) by the new instant are finalized now when the tenant finalizes
        // automatically, so a test sees them final when the advance returns.
        await invoicer.FinalizeDueAsync(id);

        // Disputes past a due date on the new clock are marked overdue (and announced) before the advance returns.
        await disputes.SweepAsync(id, to);

        // Alert rules are judged on the new clock, so a test sees what fired or resolved when the advance returns. A
        // failure there does not undo or fail the advance: the next advance judges the same days again (catch-up).
        try
        {
            await GrainFactory.GetGrain<IAlertGrain>(id).EvaluateAsync(to);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAlertsFailed(ex, id, to);
        }
        LogAdvanced(id, to, ticked);
        return new ClockAdvanceReply(to, ticked, null, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tick of outcome {Definition}/{Correlation} of tenant {Tenant} failed; the advance retries it")]
    private partial void LogTickFailed(Exception ex, string tenant, string definition, string correlation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert evaluation of tenant {Tenant} at {To} failed; the next advance evaluates again")]
    private partial void LogAlertsFailed(Exception ex, string tenant, DateTimeOffset to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Clock of tenant {Tenant} advanced to {To}: {Ticked} outcome ticks")]
    private partial void LogAdvanced(string tenant, DateTimeOffset to, int ticked);
}
