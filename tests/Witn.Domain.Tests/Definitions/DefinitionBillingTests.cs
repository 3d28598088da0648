using Witn.Domain.Definitions;

namespace Witn.Domain.Tests.Definitions;

public sealed class DefinitionBillingTests
{
    private static readonly DateTimeOffset Boundary = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DefinitionStatus.Shadow)]
    [InlineData(DefinitionStatus.Retired)]
    public void only_an_active_definition_bills_whatever_the_boundary(DefinitionStatus status)
    {
        Assert.False(DefinitionBilling.Billable(status, null, Boundary));
        Assert.False(DefinitionBilling.Billable(status, Boundary, Boundary.AddDays(1)));
    }

    [Fact]
    public void an_active_definition_without_a_boundary_bills_every_outcome()
    {
        Assert.True(DefinitionBilling.Billable(DefinitionStatus.Active, null, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void a_promoted_definition_bills_outcomes_that_start_at_or_after_the_boundary_and_never_earlier_ones()
    {
        Assert.False(DefinitionBilling.Billable(DefinitionStatus.Active, Boundary, Boundary.AddTicks(-10)));
        Assert.True(DefinitionBilling.Billable(DefinitionStatus.Active, Boundary, Boundary));
        Assert.True(DefinitionBilling.Billable(DefinitionStatus.Active, Boundary, Boundary.AddHours(1)));
    }
}
