using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Witn.Storage.Outcomes;
using Witn.Storage.Tenants;

namespace Witn.Grains.Outcomes;

/// <summary>
/// The slow path of live settlement. Each live outcome keeps one Orleans reminder for its next due moment, but a
/// reminder can be lost with a silo that dies while it fires (the outcome then waits forever). So every silo also
/// looks, at an interval, for live outcomes whose stored next_due_at passed more than the slack ago, and ticks
/// them: the tick decides at the tenant's clock like a reminder would. Ticks are idempotent (one activation per
/// outcome, the ledger's unique keys), so two silos sweeping the same outcome change nothing twice.
/// Sandbox tenants are not swept: their clock's advance ticks everything due.
/// </summary>
public sealed partial class DueSweepService(
    IGrainFactory grains, TenantStore tenants, OutcomeStore outcomes, IOptions<DueSweepOptions> options, TimeProvider time, ILogger<DueSweepService> logger,
    OutcomeMetrics? metrics = null)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await SweepAsync(stoppingToken) is var ticked and > 0)
                {
                    LogSwept(ticked);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing is lost: what is due stays due in the database until a tick records it done.
                LogFailed(ex);
            }
        }
    }

    /// <summary>One sweep: ticks every live outcome due by now − slack (up to the batch per tenant); returns how many ticks succeeded.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var before = time.GetUtcNow() - settings.Slack;
        var ticked = 0;
        var backlog = new List<(string Tenant, long Count)>();
        foreach (var tenant in await tenants.ListAsync(cancellationToken))
        {
            if (tenant.Sandbox)
            {
                continue;
            }

            if (metrics is not null)
            {
                // Due now, not past the slack: the backlog an operator watches includes what reminders are about to take.
                backlog.Add((tenant.Id, await outcomes.CountDueAsync(tenant.Id, time.GetUtcNow(), cancellationToken)));
            }

            var due = await outcomes.ListDueAsync(tenant.Id, before, settings.Batch, cancellationToken);
            ticked += await DueOutcomes.TickAsync(
                grains, tenant.Id, due, null, settings.Concurrency, (ex, definition, correlation) => LogTickFailed(ex, tenant.Id, definition, correlation), cancellationToken);
        }

        metrics?.SetBacklog(backlog);
        return ticked;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Due sweep ticked {Count} live outcomes that their reminders had not")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Due sweep failed; retrying on the next interval")]
    private partial void LogFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Due sweep: tick of outcome {Definition}/{Correlation} of tenant {Tenant} failed; the next sweep retries it")]
    private partial void LogTickFailed(Exception ex, string tenant, string definition, string correlation);
}
