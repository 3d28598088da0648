using Orleans.Streams;
using Microsoft.Extensions.Logging;

namespace Witn.Grains.Log;

/// <summary>
/// Orleans gives up on an event after its maximum delivery time; that must never pass silently in a billing
/// system, so it is logged as an error naming the stream and the log position.
/// </summary>
public sealed partial class LogDeliveryFailureHandler(ILogger<LogDeliveryFailureHandler> logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        DeliveryFailed(logger, streamId.ToString(), sequenceToken?.SequenceNumber ?? -1);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        SubscriptionFailed(logger, streamId.ToString(), sequenceToken?.SequenceNumber ?? -1);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery of log stream {Stream} failed at position {Position}; the event was not routed and needs a replay")]
    private static partial void DeliveryFailed(ILogger logger, string stream, long position);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscription to log stream {Stream} failed at position {Position}")]
    private static partial void SubscriptionFailed(ILogger logger, string stream, long position);
}
