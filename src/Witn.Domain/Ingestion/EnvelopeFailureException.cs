namespace Witn.Domain.Ingestion;

/// <summary>Unwinds the reader from deep inside an event when the request turns out to be unreadable as a whole.</summary>
internal sealed class EnvelopeFailureException(EnvelopeFailure failure) : Exception(failure.Message)
{
    public EnvelopeFailure Failure { get; } = failure;
}
