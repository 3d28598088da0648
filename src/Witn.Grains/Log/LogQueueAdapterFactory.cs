using Orleans.Streams;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Witn.Storage.Log;

namespace Witn.Grains.Log;

/// <summary>Builds the log's queue adapter: one queue per log partition, a simple cache, failures logged.</summary>
public sealed class LogQueueAdapterFactory(string name, EventLogReader reader, EventLogOptions options, ILoggerFactory loggers, LogDelivery delivery, DeliveryLag? lag = null) : IQueueAdapterFactory
{
    private readonly LogQueueMapper _mapper = new(name, options.PartitionCount);
    private readonly SimpleQueueAdapterCache _cache = new(new SimpleQueueCacheOptions(), name, loggers);

    [Obsolete("Orleans calls the overload with a cancellation token.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        Task.FromResult<IQueueAdapter>(new LogQueueAdapter(name, _mapper, reader, delivery, lag));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new LogDeliveryFailureHandler(loggers.CreateLogger<LogDeliveryFailureHandler>()));
}
