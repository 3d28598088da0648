namespace Witn.Domain.Access;

/// <summary>What an API key may do. <see cref="Admin"/> includes the other two.</summary>
public enum ApiKeyScope
{
    /// <summary>Manage keys, tenants, definitions and contracts; implies ingest and read.</summary>
    Admin,

    /// <summary>Send events.</summary>
    Ingest,

    /// <summary>Read outcomes, charges, invoices.</summary>
    Read,
}
