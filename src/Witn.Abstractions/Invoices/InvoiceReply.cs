namespace Witn.Abstractions.Invoices;

/// <summary>
/// An invoice as JSON (<see cref="Json"/>, the document the API returns as is: a finalized invoice's stored bytes),
/// or why there is none, with <see cref="Message"/> and <see cref="Hint"/> for the problem response.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.invoices.reply")]
public sealed record InvoiceReply(
    [property: Id(0)] InvoiceResult Result,
    [property: Id(1)] string? Json,
    [property: Id(2)] string? Message,
    [property: Id(3)] string? Hint)
{
    public static InvoiceReply Problem(InvoiceResult result, string message, string hint) => new(result, null, message, hint);
}
