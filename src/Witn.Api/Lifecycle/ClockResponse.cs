namespace Witn.Api.Lifecycle;

/// <summary>The test clock after an advance, and how many outcome ticks it took to bring everything due up to date.</summary>
public sealed record ClockResponse(string TenantId, DateTimeOffset Now, int OutcomesTicked);
