namespace Witn.Domain.Contracts;

/// <summary>How often a contract bills: <c>month</c> or <c>week</c>.</summary>
public enum BillingInterval
{
    Month,
    Week,
}
