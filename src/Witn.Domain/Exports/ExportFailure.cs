namespace Witn.Domain.Exports;

/// <summary>
/// One failed attempt as the provider (or the network) gave it: the HTTP status when there was an answer, the wait the
/// provider asked for (<c>Retry-After</c>), and its message for the operator.
/// </summary>
public sealed record ExportFailure(int? Status, TimeSpan? RetryAfter, string Message)
{
    /// <summary>
    /// The provider refused the request itself: a 4xx other than 429 (too many requests) and 409 (Stripe: another
    /// request with the same idempotency key is still running). Repeating it would be refused again.
    /// </summary>
    public bool Permanent => Status is >= 400 and < 500 and not 429 and not 409;
}
