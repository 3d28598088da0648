namespace Witn.Domain.Access;

/// <summary>What an API key may do. <see cref="Admin"/> includes the others; <see cref="Disputes"/> includes read.</summary>
public enum ApiKeyScope
{
    /// <summary>Manage keys, tenants, definitions and contracts; implies ingest and read.</summary>
    Admin,

    /// <summary>Send events.</summary>
    Ingest,

    /// <summary>Read outcomes, charges, invoices.</summary>
    Read,

    /// <summary>Review disputes: read, open, message, review and resolve them (a four-eyes approval needs admin).</summary>
    Disputes,

    /// <summary>Scrape <c>GET /metrics</c> (what Prometheus is given): nothing else, not even read.</summary>
    Metrics,
}
