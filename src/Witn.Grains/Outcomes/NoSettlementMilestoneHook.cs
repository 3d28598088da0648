namespace Witn.Grains.Outcomes;

/// <summary>The production hook: settlement milestones pass without anything happening.</summary>
public sealed class NoSettlementMilestoneHook : ISettlementMilestoneHook
{
    public void Reached(SettlementMilestone milestone)
    {
    }
}
