using System.Collections;

namespace Witn.Cli;

/// <summary>What a run of the command line talks to: its input and output streams, whether they are terminals, and the environment.</summary>
public sealed record CliIo(TextReader In, TextWriter Out, TextWriter Error, bool OutRedirected, bool ErrorRedirected, IDictionary Environment)
{
    public static CliIo FromProcess() =>
        new(Console.In, Console.Out, Console.Error, Console.IsOutputRedirected, Console.IsErrorRedirected, System.Environment.GetEnvironmentVariables());
}
