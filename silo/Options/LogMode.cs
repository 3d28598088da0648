namespace Witn.Silo.Options;

/// <summary>How events reach tenant grains. The log itself is PostgreSQL's <c>events</c> table in both modes.</summary>
public enum LogMode
{
    /// <summary>Tenant grains read the log directly (default).</summary>
    Postgres,

    /// <summary>A relay publishes the log to Azure Event Hubs, and tenant grains are fed from there.</summary>
    EventHubs,
}
