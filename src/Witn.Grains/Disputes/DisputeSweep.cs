using Witn.Abstractions.Disputes;
using Witn.Storage.Disputes;

namespace Witn.Grains.Disputes;

/// <summary>
/// Finds disputes past a due date and not yet announced, and has each charge's grain mark them (one
/// <c>dispute.overdue</c> each): for one sandbox tenant when its clock advances, for every live tenant periodically.
/// </summary>
public sealed class DisputeSweep(DisputeStore store, IGrainFactory grains)
{
    private const int Batch = 500;

    /// <summary>Marks what is overdue at <paramref name="now"/>: of <paramref name="sandboxTenant"/>, or of every live tenant (null); returns how many.</summary>
    public async Task<int> SweepAsync(string? sandboxTenant, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var marked = 0;
        while (true)
        {
            var charges = await store.ListOverdueChargesAsync(sandboxTenant, now, Batch, cancellationToken);
            var found = 0;
            foreach (var charge in charges)
            {
                var grain = grains.GetGrain<IDisputeGrain>(charge);
                found += sandboxTenant is null ? await grain.CheckOverdueAsync() : await grain.CheckOverdueAtAsync(now);
            }

            marked += found;
            if (charges.Count < Batch || found == 0)
            {
                return marked;
            }
        }
    }
}
