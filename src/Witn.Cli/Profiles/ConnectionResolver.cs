using System.Collections;
using Witn.Cli.Exit;

namespace Witn.Cli.Profiles;

/// <summary>
/// Which server and key a command uses: the profile named by <c>--profile</c> (else <c>WITN_PROFILE</c>, else the
/// file's default), with <c>WITN_URL</c> and <c>WITN_KEY</c> overriding its fields.
/// </summary>
public static class ConnectionResolver
{
    /// <summary>The connection, or null when nothing names a server (<paramref name="required"/> false); a usage failure otherwise.</summary>
    public static Connection? Resolve(ProfileFile file, string? profileOption, IDictionary environment, bool required)
    {
        var envUrl = environment["WITN_URL"] as string;
        var envKey = environment["WITN_KEY"] as string;
        var name = !string.IsNullOrEmpty(profileOption) ? profileOption : environment["WITN_PROFILE"] as string;
        Profile? profile = null;
        if (!string.IsNullOrEmpty(name))
        {
            if (!file.Profiles.TryGetValue(name, out profile))
            {
                var known = file.Profiles.Count == 0 ? "none is saved" : $"saved: {string.Join(", ", file.Profiles.Keys)}";
                throw CliFailure.Usage($"no profile '{name}' ({known}); create it with 'witn login --profile {name} --url … --key …'");
            }
        }
        else if (file.Default is { } d && file.Profiles.TryGetValue(d, out var p))
        {
            name = d;
            profile = p;
        }

        var url = string.IsNullOrEmpty(envUrl) ? profile?.Url : envUrl;
        var key = string.IsNullOrEmpty(envKey) ? profile?.Key : envKey;
        if (url is null)
        {
            return required
                ? throw CliFailure.Usage("no server configured: run 'witn login --url http://127.0.0.1:5080 --key …' or set WITN_URL and WITN_KEY")
                : null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw CliFailure.Usage($"the server URL '{url}' ({Source(envUrl, name)}) is not an http:// or https:// address");
        }

        var source = string.IsNullOrEmpty(envUrl) && string.IsNullOrEmpty(envKey) ? $"profile '{name}'"
            : profile is null ? "WITN_URL/WITN_KEY" : $"profile '{name}' with WITN_URL/WITN_KEY";
        return new Connection(uri, string.IsNullOrEmpty(key) ? null : key, source);
    }

    private static string Source(string? envUrl, string? name) => string.IsNullOrEmpty(envUrl) ? $"profile '{name}'" : "WITN_URL";
}
