namespace Witn.Api.Pages;

/// <summary>
/// One invoice line as the page shows it: "3 ticket resolved × $2.00" and its amount; for a line of charges or credits,
/// how many there are (<see cref="Count"/>), the first of them and, when there are more, the link to all of them.
/// <see cref="Line"/> is its 0-based index, as the API's line routes name it. On a draft, <see cref="Disputed"/> and
/// <see cref="DisputedAmount"/> say how many of its charges have an open dispute and how much of them is disputed.
/// </summary>
public sealed record InvoiceLineView(
    string Text, decimal Amount, long? Count, IReadOnlyList<InvoiceItemView> Items, string? AllItemsHref, int Line = 0, int Disputed = 0, decimal DisputedAmount = 0m);
