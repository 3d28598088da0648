namespace Witn.Domain.Contracts;

/// <summary>
/// How tiers rate a period's quantity: <see cref="Graduated"/> prices each unit at the tier it falls in;
/// <see cref="Volume"/> prices every unit at the tier the whole quantity reaches.
/// </summary>
public enum TierMode
{
    Graduated,
    Volume,
}
