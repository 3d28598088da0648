using Microsoft.Extensions.Logging;

namespace Witn.Storage.Log;

internal static partial class EventLogWriterLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Event log flush of {Records} record(s) from {Calls} call(s) failed; the callers got the error and may retry")]
    public static partial void FlushFailed(ILogger logger, Exception error, int records, int calls);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Event log flushed {Records} record(s) from {Calls} call(s), {Inserted} inserted, in {Milliseconds:0.0} ms")]
    public static partial void Flushed(ILogger logger, int records, int calls, int inserted, double milliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Event log flush of {Records} record(s) from {Calls} call(s) hit a value PostgreSQL refuses ({SqlState}); writing the records in halves to refuse only the culprits")]
    public static partial void Isolating(ILogger logger, int records, int calls, string sqlState);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Event {EventId} of tenant {TenantId} was refused by PostgreSQL and not stored: {Problem}")]
    public static partial void Refused(ILogger logger, Guid eventId, string tenantId, string problem);
}
