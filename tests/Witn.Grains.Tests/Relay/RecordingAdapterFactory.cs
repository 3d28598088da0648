using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Witn.Grains.Tests.Relay;

/// <summary>Builds <see cref="RecordingQueueAdapter"/>s for the relay's target provider.</summary>
public sealed class RecordingAdapterFactory(string name, RecordingHub hub, ILoggerFactory loggers) : IQueueAdapterFactory
{
    private readonly HashRingBasedStreamQueueMapper _mapper = new(new HashRingStreamQueueMapperOptions(), name);
    private readonly SimpleQueueAdapterCache _cache = new(new SimpleQueueCacheOptions(), name, loggers);

    [Obsolete("Orleans calls the overload with a cancellation token.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        Task.FromResult<IQueueAdapter>(new RecordingQueueAdapter(name, hub, _mapper));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());
}
