namespace Witn.Cli.Exit;

/// <summary>What a command found wrong before or after calling the server: one line for the user and its exit code.</summary>
public sealed class CliFailure : Exception
{
    public CliFailure(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public CliFailure()
        : this(ExitCodes.Failed, "the command failed")
    {
    }

    public CliFailure(string message)
        : this(ExitCodes.Failed, message)
    {
    }

    public CliFailure(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Failed;
    }

    public int ExitCode { get; }

    /// <summary>A usage error (exit 2): the command line or a file it names is wrong.</summary>
    public static CliFailure Usage(string message) => new(ExitCodes.Usage, message);
}
