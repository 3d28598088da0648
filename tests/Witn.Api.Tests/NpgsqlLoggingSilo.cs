using Microsoft.Extensions.Logging;

namespace Witn.Api.Tests;

/// <summary>The host with Npgsql's debug logging on and every log entry captured.</summary>
public sealed class NpgsqlLoggingSilo : InProcessSilo
{
    public NpgsqlLoggingSilo()
        : this(new CapturedLogs())
    {
    }

    private NpgsqlLoggingSilo(CapturedLogs logs)
        : base(new Dictionary<string, string?>(), b =>
        {
            b.Logging.AddProvider(logs);
            b.Logging.AddFilter<CapturedLogs>("Npgsql", LogLevel.Debug);
        })
    {
        Logs = logs;
    }

    public CapturedLogs Logs { get; }
}
