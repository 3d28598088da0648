using System.Globalization;

namespace Witn.Storage.Postgres;

/// <summary>
/// The unprivileged account the server runs as when we are root (initdb and postgres refuse root):
/// 'postgres' when the distribution package created it, otherwise 'nobody'.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed record ServiceUser(string Name, int Uid, int Gid)
{
    public static async Task<ServiceUser> ResolveAsync(CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "postgres", "nobody" })
        {
            var (uidExit, uid) = await ProcessRunner.RunAsync("id", ["-u", name], cancellationToken);
            var (gidExit, gid) = await ProcessRunner.RunAsync("id", ["-g", name], cancellationToken);
            if (uidExit == 0 && gidExit == 0)
            {
                return new ServiceUser(name, int.Parse(uid.Trim(), CultureInfo.InvariantCulture), int.Parse(gid.Trim(), CultureInfo.InvariantCulture));
            }
        }

        throw new PostgresUnavailableException("running as root, but neither a 'postgres' nor a 'nobody' user exists to run PostgreSQL as: create one ('sudo useradd --system postgres') or run the silo as an ordinary user.");
    }

    /// <summary>Arguments for setpriv(1), which drops to this user and then execs the program.</summary>
    public IEnumerable<string> SetprivArguments() =>
        [$"--reuid={Uid}", $"--regid={Gid}", "--clear-groups", "--"];

    public async Task ChownAsync(string path, CancellationToken cancellationToken)
    {
        var (exit, output) = await ProcessRunner.RunAsync("chown", ["-R", $"{Uid}:{Gid}", path], cancellationToken);
        if (exit != 0)
        {
            throw new PostgresUnavailableException($"could not hand {path} to user '{Name}': {output.Trim()}");
        }
    }

    /// <summary>The service user must be able to walk down to the data folder.</summary>
    public void EnsureCanReach(string dataDir)
    {
        for (var dir = new DirectoryInfo(dataDir); dir is not null; dir = dir.Parent)
        {
            var mode = File.GetUnixFileMode(dir.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                throw new PostgresUnavailableException(
                    $"PostgreSQL runs as user '{Name}' (root may not run it), and that user cannot enter {dir.FullName}: " +
                    $"choose a --data-dir under a folder others may enter (e.g. /var/lib/witn) or run 'chmod o+x {dir.FullName}'.");
            }
        }
    }
}
