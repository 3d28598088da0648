namespace Witn.Silo.Startup;

/// <summary>
/// Makes sure <c>--data-dir</c> is a folder the silo can write (created if missing) before anything is started in
/// it, so a file or an unwritable path is one line and exit code 2 instead of an exception from deep inside.
/// </summary>
public static class DataFolder
{
    public const int ExitCode = 2;

    public static void Ensure(string path)
    {
        const string fix = "give a folder this user can write with --data-dir (or WITN_DATA_DIR), e.g. --data-dir ~/.local/share/witn";
        if (File.Exists(path))
        {
            throw new StartupException($"--data-dir '{path}' is a file, not a folder: {fix}", ExitCode);
        }

        try
        {
            Directory.CreateDirectory(path);
            // Creating the folder is not enough: it may exist and belong to someone else, or sit on a read-only mount.
            var probe = Path.Combine(path, $".write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"--data-dir '{path}' cannot be written ({Reason(e)}): {fix}", ExitCode);
        }
    }

    // The runtime's messages repeat the path; the operator needs the reason.
    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "a part of the path is not a folder",
        FileNotFoundException => "nothing can be created there",
        _ when e.HResult == 30 || e.Message.Contains("Read-only", StringComparison.OrdinalIgnoreCase) => "read-only file system",
        _ when e.Message.Contains("Not a directory", StringComparison.OrdinalIgnoreCase) => "a part of the path is a file",
        _ => e.Message.TrimEnd('.'),
    };
}
