using System.Diagnostics;
using System.Diagnostics.Metrics;
using Witn.Storage.Telemetry;

namespace Witn.Silo.Webhooks;

/// <summary>The webhook dispatcher's instruments (meter <c>Witn.Webhooks</c>): attempts by result, and deliveries given up (dead letters).</summary>
public sealed class WebhookMetrics
{
    private static readonly TagList DeliveredTags = new() { { "result", "delivered" } };
    private static readonly TagList RetryTags = new() { { "result", "retry" } };
    private static readonly TagList DeadTags = new() { { "result", "dead" } };

    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _deadLetters;

    public WebhookMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(WitnTelemetry.Webhooks);
        _deliveries = meter.CreateCounter<long>("witn.webhooks.deliveries", "{attempt}", "Webhook delivery attempts recorded, by result: delivered (2xx), retry (failed, tried again later) or dead (failed, attempts used up).");
        _deadLetters = meter.CreateCounter<long>("witn.webhooks.dead_letters", "{delivery}", "Webhook deliveries that used up their attempts and wait for a replay (POST /v1/webhooks/deliveries/{id}/replay).");
    }

    public void Delivered() => _deliveries.Add(1, DeliveredTags);

    public void Failed(bool dead)
    {
        _deliveries.Add(1, dead ? DeadTags : RetryTags);
        if (dead)
        {
            _deadLetters.Add(1);
        }
    }
}
