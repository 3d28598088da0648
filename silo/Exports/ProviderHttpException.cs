namespace Witn.Silo.Exports;

/// <summary>A provider's answer other than success, for providers called without a client library (Lago).</summary>
public sealed class ProviderHttpException(int status, TimeSpan? retryAfter, string message) : Exception(message)
{
    public int Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
