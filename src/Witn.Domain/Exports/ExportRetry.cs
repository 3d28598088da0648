using Witn.Domain.Webhooks;

namespace Witn.Domain.Exports;

/// <summary>
/// What a failed export attempt leads to: a permanent refusal stops the export as failed; anything else (429, 5xx,
/// timeouts, a lost connection) is retried with the webhook backoff — never sooner than the provider's
/// <c>Retry-After</c> — until a retry would fall past the policy's limit, and then it is dead.
/// </summary>
public static class ExportRetry
{
    /// <param name="failure">What went wrong.</param>
    /// <param name="attempts">Attempts made so far, this one included (1 or more).</param>
    /// <param name="firstAttemptAt">When the export was first tried.</param>
    /// <param name="now">Now.</param>
    /// <param name="policy">The retry policy.</param>
    /// <param name="sample">A uniform random number in [0, 1) for the jitter.</param>
    public static (ExportStatus Status, DateTimeOffset? RetryAt) After(
        ExportFailure failure, int attempts, DateTimeOffset firstAttemptAt, DateTimeOffset now, ExportRetryPolicy policy, double sample)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(policy);
        if (failure.Permanent)
        {
            return (ExportStatus.Failed, null);
        }

        var delay = WebhookRetry.DelayAfter(attempts, policy.BaseDelay, policy.MaxDelay, policy.Jitter, sample);
        if (failure.RetryAfter is { } asked && asked > delay)
        {
            delay = asked;
        }

        var at = now + delay;
        return at - firstAttemptAt > policy.GiveUpAfter ? (ExportStatus.Dead, null) : (ExportStatus.Pending, at);
    }
}
