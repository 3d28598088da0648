namespace Witn.Grains.Outcomes;

/// <summary>
/// Told when a settlement reaches one of its milestones (<see cref="SettlementMilestone"/>). The silo registers
/// <see cref="NoSettlementMilestoneHook"/>, which does nothing; the crash tests' host registers one that kills the
/// process there, so no configuration of a production silo can make it kill itself.
/// </summary>
public interface ISettlementMilestoneHook
{
    void Reached(SettlementMilestone milestone);
}
