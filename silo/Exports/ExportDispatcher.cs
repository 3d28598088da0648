using Microsoft.Extensions.Options;
using Stripe;
using Witn.Domain.Exports;
using Witn.Silo.Hosting;
using Witn.Silo.Webhooks;
using Witn.Storage.Exports;

namespace Witn.Silo.Exports;

/// <summary>
/// Runs due exports on every silo at once (PostgreSQL shares them out by lease): each claimed export goes to its
/// provider's exporter; success is recorded once, a permanent refusal ends it as failed, anything else is retried with
/// backoff (never sooner than <c>Retry-After</c>) for up to a day and then it is dead — both announced by webhook
/// <c>export.failed</c>.
/// </summary>
public sealed partial class ExportDispatcher(
    ExportStore store,
    StripeExporter stripe,
    LagoExporter lago,
    IOptions<ExportOptions> options,
    TimeProvider time,
    RetryJitter jitter,
    ILogger<ExportDispatcher> logger) : BackgroundService
{
    private const int MaxErrorLength = 500;

    private readonly ExportOptions _options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var policy = new ExportRetryPolicy(_options.RetryBaseDelay, _options.RetryMaxDelay, _options.RetryJitter, _options.GiveUpAfter);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentExports, CancellationToken = stoppingToken };
        return PollingRounds.RunAsync(
            async ct =>
            {
                while (true)
                {
                    // No more than run at once: a claimed export's lease runs from its claim, not from its start.
                    var batch = Math.Min(_options.BatchSize, _options.MaxConcurrentExports);
                    var claimed = await store.ClaimAsync(batch, _options.Lease, ct);
                    await Parallel.ForEachAsync(claimed, parallel, async (export, c) => await RunAsync(export, policy, c));
                    if (claimed.Count < batch)
                    {
                        return;
                    }
                }
            },
            _options.PollInterval, time, e => RoundFailed(logger, e), stoppingToken);
    }

    private async Task RunAsync(ClaimedExport export, ExportRetryPolicy policy, CancellationToken cancellationToken)
    {
        ExportFailure failure;
        using var timeout = new CancellationTokenSource(_options.Lease - _options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            string? providerId;
            string? method = null;
            string? progress = null;
            switch (export.Provider, export.Subject)
            {
                case ("stripe", "invoice"):
                    providerId = await stripe.ExportInvoiceAsync(export, linked.Token);
                    break;
                case ("stripe", "credit"):
                    var (note, how, why) = await stripe.ExportCreditAsync(export, linked.Token);
                    (providerId, method) = (note, CreditRouting.Name(how));
                    progress = System.Text.Json.JsonSerializer.Serialize(new CreditDecision(method, why), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
                    break;
                case ("lago", "charge"):
                    providerId = await lago.ExportChargeAsync(export, linked.Token);
                    break;
                default:
                    throw new ExportRefusedException($"no exporter hands a {export.Subject} to {export.Provider}");
            }

            if (await store.RecordExportedAsync(export, providerId, progress, method, cancellationToken))
            {
                Exported(logger, export.Id, export.Provider, export.Subject, export.SubjectId, providerId ?? method ?? "", export.Attempt);
            }

            return;
        }
        catch (ExportLeaseLostException)
        {
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ExportNotReadyException e)
        {
            failure = new ExportFailure(null, null, e.Message);
        }
        catch (ExportRefusedException e)
        {
            failure = new ExportFailure(400, null, e.Message);
        }
        catch (StripeException e)
        {
            var status = (int)e.HttpStatusCode;
            failure = new ExportFailure(status == 0 ? null : status, e.StripeResponse?.Headers?.RetryAfter?.Delta, $"Stripe: {e.StripeError?.Message ?? e.Message}");
        }
        catch (ProviderHttpException e)
        {
            failure = new ExportFailure(e.Status, e.RetryAfter, e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
        {
            failure = new ExportFailure(null, null, e is OperationCanceledException ? "no answer in time" : e.Message);
        }
        catch (Exception e)
        {
            // Anything else (the database restarting, an answer we cannot read) is retried like a transient failure,
            // so the export still ends dead and announced after a day rather than stay pending unseen.
            failure = new ExportFailure(null, null, $"{e.GetType().Name}: {e.Message}");
        }

        var (status2, retryAt) = ExportRetry.After(failure, export.Attempt, export.FirstAttemptAt, time.GetUtcNow(), policy, jitter.NextSample());
        var text = failure.Message.Length > MaxErrorLength ? failure.Message[..MaxErrorLength] : failure.Message;
        if (await store.RecordFailureAsync(export, status2, text, retryAt, cancellationToken))
        {
            AttemptFailed(logger, export.Id, export.Provider, export.Subject, export.SubjectId, export.Attempt, text, ExportNames.Of(status2));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export round failed; unrecorded exports are retried when their lease ends")]
    private static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {ExportId}: {Subject} {SubjectId} handed to {Provider} as {ProviderId} on attempt {Attempt}")]
    private static partial void Exported(ILogger logger, Guid exportId, string provider, string subject, Guid subjectId, string providerId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export {ExportId} of {Subject} {SubjectId} to {Provider} failed on attempt {Attempt} ({Error}); now {Status}")]
    private static partial void AttemptFailed(ILogger logger, Guid exportId, string provider, string subject, Guid subjectId, int attempt, string error, string status);
}
