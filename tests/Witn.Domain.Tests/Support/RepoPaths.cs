namespace Witn.Domain.Tests.Support;

/// <summary>Finds the repository (the folder holding Witn.Actors.sln) by walking up from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ExampleOutcomes => Path.Combine(Root, "examples", "outcomes");

    /// <summary>The shared examples next to the repository, when this checkout lives in that setup.</summary>
    public static string? SharedExampleOutcomes
    {
        get
        {
            var dir = Path.GetFullPath(Path.Combine(Root, "..", "shared", "examples", "outcomes"));
            return Directory.Exists(dir) ? dir : null;
        }
    }

    public static string? SharedScenarios
    {
        get
        {
            var dir = Path.GetFullPath(Path.Combine(Root, "..", "shared", "examples", "scenarios"));
            return Directory.Exists(dir) ? dir : null;
        }
    }

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
