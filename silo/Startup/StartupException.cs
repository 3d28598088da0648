namespace Witn.Silo.Startup;

/// <summary>The silo cannot start; the message is the one line the operator reads.</summary>
public sealed class StartupException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
