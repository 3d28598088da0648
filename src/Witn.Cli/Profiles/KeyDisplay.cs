namespace Witn.Cli.Profiles;

/// <summary>A key as witn ever shows one of its profiles: the public id part only, never the secret.</summary>
public static class KeyDisplay
{
    public static string Mask(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "(no key)";
        }

        // wk_<16 hex id>_<secret>: the id names the key in GET /v1/keys; the rest is the secret.
        var cut = key.IndexOf('_', 3);
        return cut > 0 ? key[..(cut + 1)] + "…" : "wk_…";
    }
}
