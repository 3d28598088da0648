using System.Runtime.InteropServices;

namespace Witn.Storage.Postgres;

/// <summary>The few POSIX calls .NET does not expose: signals other than SIGKILL, and the effective user.</summary>
public static partial class UnixProcess
{
    public const int SigInt = 2;
    public const int SigKill = 9;

    public static bool IsRoot => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() ? geteuid() == 0 : false;

    public static bool Signal(int pid, int signal) => kill(pid, signal) == 0;

    /// <summary>
    /// True when a process with this id exists and is not a zombie (signal 0 probes without delivering anything).
    /// Zombies matter: in containers whose init does not reap, a killed process keeps its pid indefinitely.
    /// </summary>
    public static bool IsAlive(int pid) =>
        pid > 0 && (kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1 /* EPERM: exists, not ours */) && State(pid) != 'Z';

    /// <summary>
    /// The kernel's start time of a process (clock ticks since boot, /proc/PID/stat field 22): with the pid it
    /// identifies one process, where a pid alone may have been reused.
    /// </summary>
    public static long? StartTime(int pid) => StatFields(pid) is { Length: > 19 } f && long.TryParse(f[19], System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : null;

    private static char? State(int pid) => StatFields(pid) is { Length: > 0 } f && f[0].Length == 1 ? f[0][0] : null;

    // Fields after "pid (comm)": the command name may contain spaces and parentheses, so split after the last ')'.
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close < 0 ? null : stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The program name of a live process, or null (Linux /proc; elsewhere unknown).</summary>
    public static string? CommandName(int pid)
    {
        var comm = $"/proc/{pid}/comm";
        try
        {
            return File.Exists(comm) ? File.ReadAllText(comm).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
