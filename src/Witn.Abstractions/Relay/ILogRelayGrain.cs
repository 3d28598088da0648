namespace Witn.Abstractions.Relay;

/// <summary>
/// Cloud mode's relay for one tenant (key: tenant id): it receives the tenant's rows of the PostgreSQL log and
/// publishes them to Event Hubs. It is activated by its implicit stream subscription; nothing calls it.
/// </summary>
[Alias("witn.events.log-relay")]
public interface ILogRelayGrain : IGrainWithStringKey;
