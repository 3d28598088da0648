namespace Witn.Cli.Profiles;

/// <summary>The profiles file: every saved profile by name, and which one commands use without <c>--profile</c>.</summary>
public sealed record ProfileFile(string? Default, IReadOnlyDictionary<string, Profile> Profiles)
{
    public static ProfileFile Empty { get; } = new(null, new Dictionary<string, Profile>());
}
