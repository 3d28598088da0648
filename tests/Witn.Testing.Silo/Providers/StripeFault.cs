namespace Witn.Testing.Silo.Providers;

/// <summary>
/// What the fake Stripe does to one request instead of (or after) answering it: refuse it with 429 and a
/// Retry-After, fail it with 500, do the write and then drop the connection (the answer is lost), or answer late.
/// </summary>
public enum StripeFault
{
    TooManyRequests,
    ServerError,
    LoseResponse,
    Slow,
}
