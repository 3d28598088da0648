namespace Witn.Api.Lifecycle;

/// <summary>Body of a clock advance: the instant to move the tenant's test clock to.</summary>
public sealed record ClockAdvanceRequest(DateTimeOffset? To);
