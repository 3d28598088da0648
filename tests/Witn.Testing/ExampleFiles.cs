namespace Witn.Testing;

/// <summary>
/// The example files tests run: the repository's own <c>examples/</c> (so a lone clone passes), plus every file
/// in <c>../shared/examples/</c> when this checkout sits in that setup (a new file there is a new test case).
/// </summary>
public static class ExampleFiles
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The repository's own examples of a kind: <c>outcomes</c>, <c>contracts</c> or <c>scenarios</c>.</summary>
    public static string RepoFolder(string kind) => Path.Combine(RepoRoot, "examples", kind);

    /// <summary>Where the shared examples sit relative to the repository (e.g. <c>../shared/examples/scenarios</c>).</summary>
    public const string SharedExamples = "../shared/examples";

    /// <summary>The shared examples of a kind, or null outside that setup.</summary>
    public static string? SharedFolder(string kind)
    {
        var dir = Path.GetFullPath(Path.Combine(RepoRoot, SharedExamples, kind));
        return Directory.Exists(dir) ? dir : null;
    }

    /// <summary>Repository files first, then shared ones; never empty, because the repository keeps its own.</summary>
    public static IReadOnlyList<string> All(string kind) =>
        [.. Yaml(RepoFolder(kind)), .. SharedFolder(kind) is { } shared ? Yaml(shared) : []];

    private static IEnumerable<string> Yaml(string dir) =>
        Directory.Exists(dir) ? Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal) : [];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Witn.Actors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Witn.Actors.sln not found above " + AppContext.BaseDirectory);
    }
}
