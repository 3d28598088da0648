namespace Witn.Domain.Settlement;

/// <summary>
/// What a charge records for rating: the contract version in force, the currency, the flat unit price and amount
/// (null when the invoice rates it: tiered and percent prices), the <c>by</c> bucket, and the outcome's value.
/// Two charges with equal terms bill the same; a settled outcome whose terms changed (a late event moved its value
/// or its first event into another contract version) is re-issued: the old charge is credited, a new one made.
/// </summary>
public sealed record ChargeTerms(int? ContractVersion, string? Currency, decimal? UnitPrice, decimal? Amount, string? Bucket, decimal? Value);
