namespace Witn.Abstractions.Exports;

/// <summary>What <c>POST …/exports/{provider}/retry</c> did: no final invoice for the period, or how many exports it made due again.</summary>
[GenerateSerializer, Immutable, Alias("witn.exports.retry-reply")]
public sealed record ExportRetryReply([property: Id(0)] bool InvoiceFinal, [property: Id(1)] int Retried, [property: Id(2)] ExportInfo[] Exports);
