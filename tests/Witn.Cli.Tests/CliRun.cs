namespace Witn.Cli.Tests;

/// <summary>What one run of the witn process gave: exit code, stdout and stderr.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
