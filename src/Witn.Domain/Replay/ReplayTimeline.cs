namespace Witn.Domain.Replay;

/// <summary>
/// How a tenant's clock moved, so replay decides at the moments the live grains did. A live tenant's clock is real
/// time: an outcome is decided when it is due (its reminder) and when an event arrives. A sandbox tenant's clock
/// stands still between advances: due outcomes are decided at the advance that passes their due moment, and an
/// event arriving between advances is decided at the clock as it stood. <see cref="End"/> is where the replay stops.
/// </summary>
public sealed class ReplayTimeline
{
    private readonly ReplayClock[] _ticks;

    private ReplayTimeline(bool sandbox, DateTimeOffset start, ReplayClock[] ticks, ReplayClock end)
    {
        (Sandbox, Start, _ticks, End) = (sandbox, start, ticks, end);
    }

    public bool Sandbox { get; }

    /// <summary>A sandbox clock's value before its first advance.</summary>
    public DateTimeOffset Start { get; }

    public ReplayClock End { get; }

    /// <summary>The advances, in the order they happened.</summary>
    public IReadOnlyList<ReplayClock> Ticks => _ticks;

    public static ReplayTimeline Live(DateTimeOffset end) => new(false, default, [], ReplayClock.Live(end));

    /// <param name="start">The clock before the first advance.</param>
    /// <param name="advances">Each advance: the clock it moved to and when (real time); any order, the clock never goes back.</param>
    /// <param name="endReal">The real time the replay stops at; the clock then is the last advance before it.</param>
    public static ReplayTimeline SandboxClock(DateTimeOffset start, IEnumerable<ReplayClock> advances, DateTimeOffset endReal)
    {
        var ticks = advances.Where(a => a.Real <= endReal).OrderBy(a => a.Real).ThenBy(a => a.Tenant).ToArray();
        var timeline = new ReplayTimeline(true, start, ticks, default);
        return new ReplayTimeline(true, start, ticks, new ReplayClock(timeline.TenantClockAt(endReal), endReal));
    }

    /// <summary>The tenant's clock at a real instant (when an event arrived).</summary>
    public ReplayClock At(DateTimeOffset real) => Sandbox ? new ReplayClock(TenantClockAt(real), real) : ReplayClock.Live(real);

    /// <summary>
    /// The first moment after <paramref name="after"/> at which an outcome due at <paramref name="due"/> is decided,
    /// or null when that is not before the end: live, the due moment itself; sandbox, the first advance at or past it.
    /// </summary>
    public ReplayClock? DecidesAt(DateTimeOffset due, ReplayClock after)
    {
        if (!Sandbox)
        {
            var at = ReplayClock.Live(due > after.Tenant ? due : after.Tenant);
            return at <= End ? at : null;
        }

        // Advances are ordered by real time and their clock never goes back: the first one after `after` whose
        // clock has reached `due`.
        var lo = UpperBoundReal(after.Real);
        var hi = _ticks.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ticks[mid].Tenant >= due)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo < _ticks.Length ? _ticks[lo] : null;
    }

    private DateTimeOffset TenantClockAt(DateTimeOffset real)
    {
        var index = UpperBoundReal(real) - 1;
        return index >= 0 ? _ticks[index].Tenant : Start;
    }

    // The index of the first advance strictly after `real`.
    private int UpperBoundReal(DateTimeOffset real)
    {
        var (lo, hi) = (0, _ticks.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ticks[mid].Real <= real)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
