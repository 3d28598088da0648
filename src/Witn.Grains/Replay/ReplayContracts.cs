using Witn.Domain.Contracts;
using Witn.Domain.Evaluation;
using Witn.Domain.Settlement;
using Witn.Grains.Contracts;

namespace Witn.Grains.Replay;

/// <summary>
/// A tenant's contract versions as replay prices with them: at each moment only the versions that existed then
/// (created in real time before it), the one in force at the outcome's first event, or the version its first charge
/// pinned, exactly as the live pricer; or one candidate contract that prices everything.
/// </summary>
public sealed class ReplayContracts
{
    private readonly IReadOnlyList<(BookedContract Booked, DateTimeOffset CreatedAt)> _versions;
    private readonly (int Version, Contract Contract)? _candidate;

    public ReplayContracts(IEnumerable<(BookedContract Booked, DateTimeOffset CreatedAt)> versions, Contract? candidate = null)
    {
        _versions = [.. versions.OrderBy(v => v.Booked.Version)];
        _candidate = candidate is null ? null : (_versions.Count == 0 ? 1 : _versions[^1].Booked.Version + 1, candidate);
    }

    public Contract? Candidate => _candidate?.Contract;

    public ChargeTerms Price(string outcome, DateTimeOffset firstEventAt, IReadOnlyList<DimensionValue> dimensions, decimal? value, ChargeTerms? pinnedBy, DateTimeOffset realAt)
    {
        if (_candidate is { } candidate)
        {
            return ChargeQuote.Terms(candidate.Version, candidate.Contract, outcome, dimensions, value);
        }

        BookedContract? booked = null;
        if (pinnedBy is null)
        {
            foreach (var (version, createdAt) in _versions)
            {
                if (createdAt <= realAt && version.EffectiveFrom <= firstEventAt && (booked is null || version.Version > booked.Version))
                {
                    booked = version;
                }
            }
        }
        else if (pinnedBy.ContractVersion is { } pinned)
        {
            booked = _versions.FirstOrDefault(v => v.Booked.Version == pinned).Booked;
        }

        return ChargeQuote.Terms(booked?.Version, booked?.Contract, outcome, dimensions, value);
    }
}
