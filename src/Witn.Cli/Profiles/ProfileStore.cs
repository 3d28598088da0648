using System.Collections;
using System.Text.Json;
using Witn.Cli.Exit;

namespace Witn.Cli.Profiles;

/// <summary>
/// The profiles file, <c>$XDG_CONFIG_HOME/witn/profiles.json</c> (or <c>~/.config/witn/profiles.json</c>): created with
/// mode 0600 in a 0700 folder, since it holds keys, and rewritten whole (a temporary file renamed over it).
/// </summary>
public sealed class ProfileStore
{
    public const string DefaultName = "default";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public ProfileStore(string path)
    {
        Path = path;
    }

    /// <summary>The file this store reads and writes.</summary>
    public string Path { get; }

    /// <summary>The store at the user's config directory as the environment names it.</summary>
    public static ProfileStore ForEnvironment(IDictionary environment)
    {
        var config = environment["XDG_CONFIG_HOME"] as string;
        if (string.IsNullOrEmpty(config))
        {
            var home = environment["HOME"] as string;
            config = System.IO.Path.Combine(string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home, ".config");
        }

        return new ProfileStore(System.IO.Path.Combine(config, "witn", "profiles.json"));
    }

    public ProfileFile Load()
    {
        if (!File.Exists(Path))
        {
            return ProfileFile.Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<ProfileFile>(File.ReadAllText(Path), Json) ?? ProfileFile.Empty;
        }
        catch (JsonException e)
        {
            throw CliFailure.Usage($"{Path} is not a profiles file ({e.Message}); fix it or delete it and run 'witn login' again");
        }
    }

    /// <summary>Saves <paramref name="profile"/> as <paramref name="name"/>; the first profile saved becomes the default.</summary>
    public ProfileFile Save(string name, Profile profile, bool makeDefault)
    {
        var file = Load();
        var profiles = new SortedDictionary<string, Profile>(file.Profiles.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal) { [name] = profile };
        var updated = new ProfileFile(makeDefault || file.Default is null ? name : file.Default, profiles);
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var temporary = Path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, updated, Json);
        }

        File.Move(temporary, Path, overwrite: true);
        return updated;
    }
}
