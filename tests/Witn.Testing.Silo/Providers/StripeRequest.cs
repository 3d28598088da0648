namespace Witn.Testing.Silo.Providers;

/// <summary>One request the fake Stripe received: method, path, form fields as sent, and its idempotency key.</summary>
public sealed record StripeRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, int Status);
