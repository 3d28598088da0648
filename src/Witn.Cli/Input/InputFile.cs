using Witn.Cli.Exit;

namespace Witn.Cli.Input;

/// <summary>Reading a file the command line names: a missing or unreadable file is a usage error (exit 2) that names it.</summary>
public static class InputFile
{
    public static string Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw CliFailure.Usage($"{path} is a folder; give a file");
        }

        if (!File.Exists(path))
        {
            throw CliFailure.Usage($"{path}: no such file");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Usage($"{path}: cannot be read ({e.Message})");
        }
    }
}
