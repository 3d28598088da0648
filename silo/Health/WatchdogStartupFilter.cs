using System.Diagnostics;

namespace Witn.Silo.Health;

/// <summary>
/// Wraps a logger provider to drop one false warning of Orleans' watchdog: "Participant check thread has not
/// completed for …" with a time longer than this process has run. Orleans' <c>Watchdog.Start</c> starts its platform
/// thread before it sets the timestamp the participant check is measured from; when the thread runs first, it
/// measures from timestamp zero, which is the machine's uptime (docs/operations.md). A real stall is never longer
/// than the process's life, so it is still logged.
/// </summary>
public sealed class WatchdogStartupFilter(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
{
    public const string Category = "Orleans.Runtime.Watchdog";

    private const string Template = "Participant check thread has not completed for ";
    private static readonly DateTime ProcessStarted = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public ILogger CreateLogger(string categoryName) =>
        string.Equals(categoryName, Category, StringComparison.Ordinal) ? new Filtered(inner.CreateLogger(categoryName)) : inner.CreateLogger(categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    public void Dispose() => inner.Dispose();

    /// <summary>Whether <paramref name="state"/> is the participant-check warning reporting more time than the process has lived.</summary>
    public static bool IsPhantomStall<TState>(TState state, TimeSpan processAge) =>
        state is IReadOnlyList<KeyValuePair<string, object?>> fields
        && fields.Any(f => f.Key == "{OriginalFormat}" && f.Value is string format && format.StartsWith(Template, StringComparison.Ordinal))
        && fields.Any(f => f.Value is TimeSpan reported && reported > processAge);

    private sealed class Filtered(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The process's age from the system clock: a diagnostic bound, not business time.
            if (!IsPhantomStall(state, DateTime.UtcNow - ProcessStarted))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
