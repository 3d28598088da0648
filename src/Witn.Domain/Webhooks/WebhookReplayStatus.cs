namespace Witn.Domain.Webhooks;

/// <summary>The answer to a request to send a delivery again.</summary>
public enum WebhookReplayStatus
{
    /// <summary>Queued: it will be sent on the dispatcher's next poll.</summary>
    Replayed,

    /// <summary>No delivery has that id.</summary>
    NotFound,

    /// <summary>It is still pending: it will be sent anyway.</summary>
    AlreadyPending,

    /// <summary>Its endpoint is disabled, so nothing would be sent.</summary>
    EndpointDisabled,
}
