using System.Collections;
using Witn.Cli.Exit;
using Witn.Cli.Profiles;

namespace Witn.Cli.Tests;

public sealed class ProfileTests : IDisposable
{
    private const string Key = "wk_0123456789abcdef_secretsecretsecret";
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"witn-profiles-{Guid.NewGuid():N}");

    [Fact]
    public void The_profiles_file_is_readable_by_its_owner_only_and_the_first_profile_is_the_default()
    {
        var store = ProfileStore.ForEnvironment(Environment(("XDG_CONFIG_HOME", _config)));
        Assert.Equal(Path.Combine(_config, "witn", "profiles.json"), store.Path);
        store.Save("prod", new Profile("https://witn.example", Key), makeDefault: false);
        var file = store.Save("local", new Profile("http://127.0.0.1:5080", Key), makeDefault: false);
        Assert.Equal("prod", file.Default);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(store.Path)!));
        Assert.Equal(["local", "prod"], store.Load().Profiles.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Witn_url_and_witn_key_override_the_chosen_profile_and_an_unknown_profile_is_a_usage_error()
    {
        var file = new ProfileFile("prod", new Dictionary<string, Profile> { ["prod"] = new("https://witn.example", Key), ["local"] = new("http://127.0.0.1:5080", Key) });
        Assert.Equal(new Uri("https://witn.example"), ConnectionResolver.Resolve(file, null, Environment(), required: true)!.Url);
        Assert.Equal(new Uri("http://127.0.0.1:5080"), ConnectionResolver.Resolve(file, "local", Environment(), required: true)!.Url);
        Assert.Equal(new Uri("http://127.0.0.1:5080"), ConnectionResolver.Resolve(file, null, Environment(("WITN_PROFILE", "local")), required: true)!.Url);
        var overridden = ConnectionResolver.Resolve(file, null, Environment(("WITN_URL", "http://10.0.0.1:5080"), ("WITN_KEY", "wk_fedcba9876543210_other")), required: true)!;
        Assert.Equal((new Uri("http://10.0.0.1:5080"), "wk_fedcba9876543210_other"), (overridden.Url, overridden.Key));
        var unknown = Assert.Throws<CliFailure>(() => ConnectionResolver.Resolve(file, "staging", Environment(), required: true));
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("saved: prod, local", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_profile_or_witn_url_a_command_that_needs_a_server_says_how_to_configure_one()
    {
        Assert.Null(ConnectionResolver.Resolve(ProfileFile.Empty, null, Environment(), required: false));
        var none = Assert.Throws<CliFailure>(() => ConnectionResolver.Resolve(ProfileFile.Empty, null, Environment(), required: true));
        Assert.Equal(ExitCodes.Usage, none.ExitCode);
        Assert.Contains("witn login", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_is_shown_by_its_public_id_only()
    {
        Assert.Equal("wk_0123456789abcdef_…", KeyDisplay.Mask(Key));
        Assert.DoesNotContain("secret", KeyDisplay.Mask(Key), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_config))
        {
            Directory.Delete(_config, recursive: true);
        }
    }

    private static Hashtable Environment(params (string Name, string Value)[] variables)
    {
        var table = new Hashtable();
        foreach (var (name, value) in variables)
        {
            table[name] = value;
        }

        return table;
    }
}
