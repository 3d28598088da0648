namespace Witn.Abstractions.Outcomes;

/// <summary>
/// The key of one outcome grain: tenant, definition and correlation value. Tenant ids and definition names cannot
/// contain '/', so the first two separators split it unambiguously whatever the correlation value holds.
/// </summary>
public static class OutcomeKey
{
    public static string Format(string tenantId, string definition, string correlation) => $"{tenantId}/{definition}/{correlation}";

    public static (string TenantId, string Definition, string Correlation) Parse(string key)
    {
        var first = key.IndexOf('/', StringComparison.Ordinal);
        var second = first < 0 ? -1 : key.IndexOf('/', first + 1);
        if (first <= 0 || second <= first + 1)
        {
            throw new FormatException($"'{key}' is not an outcome key (tenant/definition/correlation)");
        }

        return (key[..first], key[(first + 1)..second], key[(second + 1)..]);
    }
}
