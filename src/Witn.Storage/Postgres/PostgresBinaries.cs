namespace Witn.Storage.Postgres;

/// <summary>Locates the PostgreSQL server programs (initdb, postgres) on this machine.</summary>
public sealed record PostgresBinaries(string Directory)
{
    public const string InstallHint =
        "install PostgreSQL 15 or newer (Debian/Ubuntu: 'sudo apt-get install postgresql'; macOS: 'brew install postgresql@16') " +
        "or pass --connection-string to use an existing server";

    public string InitDb => Path.Combine(Directory, "initdb");

    public string Postgres => Path.Combine(Directory, "postgres");

    /// <summary>PATH first (an explicit choice of the operator), then the newest /usr/lib/postgresql/*/bin.</summary>
    public static PostgresBinaries Find(string? pathVariable = null, string distributionRoot = "/usr/lib/postgresql")
    {
        var path = pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasServerPrograms(dir))
            {
                return new PostgresBinaries(dir);
            }
        }

        if (System.IO.Directory.Exists(distributionRoot))
        {
            var newest = System.IO.Directory.GetDirectories(distributionRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: ParseMajor(Path.GetFileName(d))))
                .Where(c => c.Version is not null && HasServerPrograms(c.Dir))
                .OrderByDescending(c => c.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return new PostgresBinaries(newest.Dir);
            }
        }

        throw new PostgresUnavailableException(
            $"PostgreSQL server programs (initdb, postgres) were not found on PATH or under {distributionRoot}/*/bin: {InstallHint}.");
    }

    private static bool HasServerPrograms(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "postgres"));

    private static int? ParseMajor(string name) =>
        int.TryParse(name.Split('.')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
}
