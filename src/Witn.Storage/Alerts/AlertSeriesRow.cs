using Witn.Domain.Alerts;

namespace Witn.Storage.Alerts;

/// <summary>One series of a rule for a tenant as stored (alert_series).</summary>
public sealed record AlertSeriesRow(string RuleName, string TenantId, string Series, AlertSeries State, DateTimeOffset UpdatedAt);
