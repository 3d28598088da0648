using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Witn.Api.Webhooks;
using Witn.Domain.Webhooks;
using Witn.Grains.Alerts;
using Witn.Grains.Ledger;
using Witn.Storage.Alerts;
using Witn.Storage.Disputes;
using Witn.Storage.Ledger;
using Witn.Storage.Webhooks;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Witn.Silo.Webhooks;

/// <summary>
/// Delivers the ledger outbox as signed webhooks, on every silo at once (PostgreSQL shares the work out). Each round
/// fans new outbox rows out into deliveries, then claims due deliveries under a lease and POSTs them; a 2xx answer
/// is recorded once, anything else is retried with exponential backoff and jitter until the attempts run out (dead). Sending is
/// at least once: a receiver deduplicates by <c>Witn-Webhook-Id</c>.
/// </summary>
public sealed partial class WebhookDispatcher(
    WebhookStore store,
    LedgerStore ledger,
    DisputeStore disputes,
    AlertStore alerts,
    Witn.Storage.Exports.ExportStore exports,
    IOptions<WebhookOptions> options,
    IOptions<HttpJsonOptions> json,
    TimeProvider time,
    RetryJitter jitter,
    ILogger<WebhookDispatcher> logger,
    WebhookMetrics? metrics = null) : BackgroundService
{
    private const int MaxErrorLength = 500;

    private readonly WebhookOptions _options = options.Value;
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    // Redirects are not followed: a signed request goes to the registered URL or nowhere.
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { UserAgent = { new ProductInfoHeaderValue("witn-webhooks", "1") } },
    };

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    // PostgreSQL restarting, say: what was claimed and not recorded is retried when its lease ends.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Hosting.PollingRounds.RunAsync(RunRoundAsync, _options.PollInterval, time, e => RoundFailed(logger, e), stoppingToken);

    /// <summary>Fans out the whole outbox backlog, then sends until nothing more is due.</summary>
    private async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        while (await store.FanOutAsync(_options.BatchSize, cancellationToken) == _options.BatchSize)
        {
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentSends, CancellationToken = cancellationToken };
        while (true)
        {
            var claimed = await store.ClaimAsync(_options.BatchSize, _options.Lease, cancellationToken);
            await Parallel.ForEachAsync(claimed, parallel, async (delivery, ct) => await SendAsync(delivery, ct));
            if (claimed.Count < _options.BatchSize)
            {
                return;
            }
        }
    }

    private async Task SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        byte[]? body;
        try
        {
            body = (await BuildEventAsync(delivery, cancellationToken))?.ToUtf8Json(_json);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await FailAsync(delivery, null, $"the event could not be built: {e.Message}", cancellationToken);
            return;
        }

        if (body is null)
        {
            await FailAsync(delivery, null, $"the {delivery.OutboxKind} {delivery.OutboxRef} named by the outbox was not found", cancellationToken);
            return;
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.IdHeader, delivery.Id.ToString());
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(delivery.Secret, timestamp, body));

        using var timeout = new CancellationTokenSource(_options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        int status;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            status = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await FailAsync(delivery, null, $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s", cancellationToken);
            return;
        }
        catch (HttpRequestException e)
        {
            await FailAsync(delivery, null, e.Message, cancellationToken);
            return;
        }

        if (status is >= 200 and < 300)
        {
            var recorded = await store.RecordSuccessAsync(delivery.Id, status, cancellationToken);
            if (recorded)
            {
                metrics?.Delivered();
            }

            Delivered(logger, delivery.Id, delivery.Url, status, delivery.Attempt, recorded);
        }
        else
        {
            await FailAsync(delivery, status, $"the receiver answered HTTP {status}", cancellationToken);
        }
    }

    private async Task<WebhookEvent?> BuildEventAsync(ClaimedDelivery d, CancellationToken cancellationToken) => d.OutboxKind switch
    {
        "charge" => await ledger.GetChargeAsync(d.OutboxRef, cancellationToken) is { } charge
            ? WebhookEvent.ForCharge(d.Id, d.EventType, d.OutboxCreatedAt, LedgerMapping.ToInfo(charge))
            : null,
        "credit" => await ledger.GetCreditAsync(d.OutboxRef, cancellationToken) is { } credit
            ? WebhookEvent.ForCredit(d.Id, d.EventType, d.OutboxCreatedAt, LedgerMapping.ToInfo(credit))
            : null,
        "invoice" => await store.GetInvoiceDocumentAsync(d.OutboxRef, cancellationToken) is { } document
            ? WebhookEvent.ForInvoice(d.Id, d.EventType, d.OutboxCreatedAt, d.TenantId, document)
            : null,
        "dispute_opened" or "dispute_updated" or "dispute_resolved" or "dispute_overdue" => await disputes.GetHistoryAsync(d.OutboxRef, cancellationToken) is { } change
            ? WebhookEvent.ForDispute(d.Id, d.EventType, d.OutboxCreatedAt, change.Dispute, change.Overdue)
            : null,
        "alert_triggered" or "alert_resolved" => await alerts.GetHistoryAsync(d.OutboxRef, cancellationToken) is { } entry
            ? WebhookEvent.ForAlert(d.Id, d.EventType, d.OutboxCreatedAt, AlertInfos.From(entry))
            : null,
        "export_failed" => await exports.GetAsync(d.OutboxRef, cancellationToken) is { } export
            ? WebhookEvent.ForExport(d.Id, d.EventType, d.OutboxCreatedAt, Witn.Grains.Exports.ExportInfos.From(export))
            : null,
        _ => throw new InvalidOperationException($"outbox kind '{d.OutboxKind}' has no webhook event"),
    };

    private async Task FailAsync(ClaimedDelivery delivery, int? status, string error, CancellationToken cancellationToken)
    {
        var dead = delivery.Attempt >= _options.MaxAttempts;
        DateTimeOffset? retryAt = dead ? null : time.GetUtcNow() + WebhookRetry.DelayAfter(delivery.Attempt, _options.RetryBaseDelay, _options.RetryMaxDelay, _options.RetryJitter, jitter.NextSample());
        var text = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        if (!await store.RecordFailureAsync(delivery.Id, delivery.LeaseToken, status, text, retryAt, cancellationToken))
        {
            return; // the lease ran out and another sender owns the delivery now
        }

        metrics?.Failed(dead);

        if (dead)
        {
            DeadLettered(logger, delivery.Id, delivery.Url, delivery.Attempt, text);
        }
        else
        {
            AttemptFailed(logger, delivery.Id, delivery.Url, delivery.Attempt, text, retryAt!.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook round failed; unrecorded deliveries are retried when their lease ends")]
    private static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {DeliveryId} delivered to {Url}: HTTP {Status} on attempt {Attempt} (recorded: {Recorded})")]
    private static partial void Delivered(ILogger logger, Guid deliveryId, string url, int status, int attempt, bool recorded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {DeliveryId} to {Url} failed on attempt {Attempt} ({Error}); retrying at {RetryAt}")]
    private static partial void AttemptFailed(ILogger logger, Guid deliveryId, string url, int attempt, string error, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {DeliveryId} to {Url} is dead after {Attempt} attempts ({Error}); replay it with POST /v1/webhooks/deliveries/{DeliveryId}/replay")]
    private static partial void DeadLettered(ILogger logger, Guid deliveryId, string url, int attempt, string error);
}
