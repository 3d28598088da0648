namespace Witn.Domain.Replay;

/// <summary>
/// One moment of a tenant's history, on the tenant's clock (a sandbox tenant's test clock, else real time) and in
/// real time. Both matter: the tenant's clock decides statuses and credit periods, real time orders what happened
/// (which contract versions existed, which invoices were final) and breaks ties on a sandbox clock that stood still.
/// </summary>
public readonly record struct ReplayClock(DateTimeOffset Tenant, DateTimeOffset Real) : IComparable<ReplayClock>
{
    public static ReplayClock Live(DateTimeOffset at) => new(at, at);

    public int CompareTo(ReplayClock other)
    {
        var byTenant = Tenant.CompareTo(other.Tenant);
        return byTenant != 0 ? byTenant : Real.CompareTo(other.Real);
    }

    public static bool operator <(ReplayClock left, ReplayClock right) => left.CompareTo(right) < 0;

    public static bool operator >(ReplayClock left, ReplayClock right) => left.CompareTo(right) > 0;

    public static bool operator <=(ReplayClock left, ReplayClock right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ReplayClock left, ReplayClock right) => left.CompareTo(right) >= 0;
}
