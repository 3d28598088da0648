using Microsoft.Extensions.Logging;

namespace Witn.Storage.Log;

internal static partial class EventLogWriterLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Event log flush of {Records} record(s) from {Calls} call(s) failed; the callers got the error and may retry")]
    public static partial void FlushFailed(ILogger logger, Exception error, int records, int calls);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Event log flushed {Records} record(s) from {Calls} call(s), {Inserted} inserted, in {Milliseconds:0.0} ms")]
    public static partial void Flushed(ILogger logger, int records, int calls, int inserted, double milliseconds);
}
