namespace Witn.Domain.Access;

/// <summary>The one place that names scopes on the wire and decides what a set of scopes grants.</summary>
public static class ApiKeyScopes
{
    public static IReadOnlyList<string> Names { get; } = ["admin", "ingest", "read", "disputes", "metrics"];

    public static string ToName(ApiKeyScope scope) => scope switch
    {
        ApiKeyScope.Admin => "admin",
        ApiKeyScope.Ingest => "ingest",
        ApiKeyScope.Read => "read",
        ApiKeyScope.Disputes => "disputes",
        ApiKeyScope.Metrics => "metrics",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "unknown scope"),
    };

    public static bool TryParse(string? name, out ApiKeyScope scope)
    {
        switch (name)
        {
            case "admin": scope = ApiKeyScope.Admin; return true;
            case "ingest": scope = ApiKeyScope.Ingest; return true;
            case "read": scope = ApiKeyScope.Read; return true;
            case "disputes": scope = ApiKeyScope.Disputes; return true;
            case "metrics": scope = ApiKeyScope.Metrics; return true;
            default: scope = default; return false;
        }
    }

    /// <summary>True when a key holding <paramref name="held"/> may act with <paramref name="required"/> (a disputes key also reads).</summary>
    public static bool Grants(IEnumerable<ApiKeyScope> held, ApiKeyScope required) =>
        held.Any(s => s == required || s == ApiKeyScope.Admin || (s == ApiKeyScope.Disputes && required == ApiKeyScope.Read));
}
