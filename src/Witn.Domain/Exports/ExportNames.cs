namespace Witn.Domain.Exports;

/// <summary>The one place that names providers and export statuses on the wire and in the database.</summary>
public static class ExportNames
{
    public static IReadOnlyList<string> Providers { get; } = ["stripe", "lago"];

    public static string Of(ExportProvider provider) => provider switch
    {
        ExportProvider.Stripe => "stripe",
        ExportProvider.Lago => "lago",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown provider"),
    };

    public static string Of(ExportStatus status) => status switch
    {
        ExportStatus.Pending => "pending",
        ExportStatus.Exported => "exported",
        ExportStatus.Failed => "failed",
        ExportStatus.Dead => "dead",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown export status"),
    };

    public static bool TryParseProvider(string? text, out ExportProvider provider)
    {
        switch (text)
        {
            case "stripe":
                provider = ExportProvider.Stripe;
                return true;
            case "lago":
                provider = ExportProvider.Lago;
                return true;
            default:
                provider = default;
                return false;
        }
    }

    public static ExportStatus ParseStatus(string text) => text switch
    {
        "pending" => ExportStatus.Pending,
        "exported" => ExportStatus.Exported,
        "failed" => ExportStatus.Failed,
        "dead" => ExportStatus.Dead,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "unknown export status"),
    };
}
