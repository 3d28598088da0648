using Witn.Domain.Alerts;

namespace Witn.Storage.Alerts;

/// <summary>A stored rule (alert_rules): a tenant's or cluster's own, or an admin's replacement of a built-in.</summary>
public sealed record AlertRuleRow(AlertRule Rule, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
