namespace Witn.Domain.Contracts;

/// <summary>A <c>by</c> entry: when the charge's dimension <see cref="Path"/> has <see cref="Value"/>, the unit price is <see cref="UnitPrice"/>.</summary>
public sealed record PriceOverride(string Path, string Value, decimal UnitPrice)
{
    /// <summary>How charges and invoice lines name this price: <c>lead.segment=enterprise</c>.</summary>
    public string Bucket => $"{Path}={Value}";
}
