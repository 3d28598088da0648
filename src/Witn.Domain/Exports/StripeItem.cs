namespace Witn.Domain.Exports;

/// <summary>
/// One Stripe invoice item to create for an invoice line: the same request on every attempt (its idempotency key and
/// body are derived from the invoice and the line alone), so a retry can never create a second item.
/// </summary>
public sealed record StripeItem(int Line, string IdempotencyKey, string Description, long AmountMinor, string Currency, IReadOnlyDictionary<string, string> Metadata);
