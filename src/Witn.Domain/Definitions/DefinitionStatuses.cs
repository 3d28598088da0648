namespace Witn.Domain.Definitions;

/// <summary>The one place that names definition statuses on the wire and in the database.</summary>
public static class DefinitionStatuses
{
    public static IReadOnlyList<string> Names { get; } = ["active", "shadow", "retired"];

    public static string ToName(DefinitionStatus status) => status switch
    {
        DefinitionStatus.Active => "active",
        DefinitionStatus.Shadow => "shadow",
        DefinitionStatus.Retired => "retired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown definition status"),
    };

    public static bool TryParse(string? name, out DefinitionStatus status)
    {
        switch (name)
        {
            case "active": status = DefinitionStatus.Active; return true;
            case "shadow": status = DefinitionStatus.Shadow; return true;
            case "retired": status = DefinitionStatus.Retired; return true;
            default: status = default; return false;
        }
    }

    /// <summary>Active and shadow definitions are evaluated (routed); retired ones are not.</summary>
    public static bool IsRouted(DefinitionStatus status) => status is DefinitionStatus.Active or DefinitionStatus.Shadow;
}
