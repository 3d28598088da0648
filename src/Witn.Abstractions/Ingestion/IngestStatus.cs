using Witn.Domain.Ingestion;

namespace Witn.Abstractions.Ingestion;

/// <summary>The HTTP status of a request-level ingest failure: one rule for the API and for the .NET client.</summary>
public static class IngestStatus
{
    /// <summary>The problem title of every request-level ingest failure.</summary>
    public const string Title = "The request cannot be ingested";

    public static int For(EnvelopeFailure failure) => failure.Code switch
    {
        EnvelopeFailureCodes.RequestTooLarge => 413,
        EnvelopeFailureCodes.UnsupportedContentType => 415,
        _ => 400,
    };

    /// <summary>Where the API's problem type URIs start (<c>type</c> of every problem document).</summary>
    public const string ProblemTypeBase = "https://witn.actors/problems/";

    /// <summary>The problem type URI for a failure code, as the API publishes it.</summary>
    public static string ProblemType(string code) => ProblemTypeBase + code.Replace('_', '-');
}
