using System.Runtime.InteropServices;

namespace Witn.Storage.Postgres;

/// <summary>The few POSIX calls .NET does not expose: signals other than SIGKILL, and the effective user.</summary>
internal static partial class UnixProcess
{
    public const int SigInt = 2;
    public const int SigKill = 9;

    public static bool IsRoot => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() ? geteuid() == 0 : false;

    public static bool Signal(int pid, int signal) => kill(pid, signal) == 0;

    /// <summary>True when a process with this id exists (signal 0 probes without delivering anything).</summary>
    public static bool IsAlive(int pid) => pid > 0 && (kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1 /* EPERM: exists, not ours */);

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
