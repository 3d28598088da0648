namespace Witn.Api.Tests;

/// <summary>The host with a dispatcher that polls often, retries after milliseconds and gives up after three attempts.</summary>
public sealed class WebhooksSilo() : InProcessSilo(new Dictionary<string, string?>
{
    ["Witn:Webhooks:PollInterval"] = "00:00:00.050",
    ["Witn:Webhooks:RetryBaseDelay"] = "00:00:00.050",
    ["Witn:Webhooks:RetryMaxDelay"] = "00:00:00.200",
    ["Witn:Webhooks:MaxAttempts"] = "3",
});
