namespace Witn.Domain.Ingestion;

/// <summary>The request-level failure for a body over the size limit (HTTP answers it with 413).</summary>
public static class RequestTooLarge
{
    public static EnvelopeFailure For(long bytes) => new(
        EnvelopeFailureCodes.RequestTooLarge, "$", null, null,
        $"The body is {bytes:N0} bytes, more than the {EnvelopeLimits.MaxRequestBytes:N0} bytes (1 MiB) a request may carry",
        $"Split the events into several requests of at most {EnvelopeLimits.MaxEvents:N0} events and 1 MiB each.");
}
