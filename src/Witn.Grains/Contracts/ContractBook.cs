using System.Collections.Concurrent;
using Witn.Domain.Contracts;
using Witn.Domain.Definitions;
using Witn.Storage.Batching;
using Witn.Storage.Contracts;

namespace Witn.Grains.Contracts;

/// <summary>
/// Parses each stored version once, from its canonical JSON (which has effective_from filled in). Unbounded on
/// purpose: a deployment holds a few versions per tenant, and each is a few hundred bytes once parsed.
/// The version in force is always read from PostgreSQL (a new version counts at once, on every silo), but
/// concurrent lookups ride in one statement: a settlement burst prices thousands of charges together.
/// </summary>
public sealed class ContractBook(ContractStore store) : IContractBook, IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string TenantId, int Version), BookedContract> _parsed = new();
    private readonly ConcurrentDictionary<string, BillingPeriod> _billing = new(StringComparer.Ordinal);
    private readonly GroupCommitter<(string TenantId, DateTimeOffset At), ContractRow?> _inForce =
        new((keys, ct) => store.GetInForceManyAsync(keys, ct), concurrency: 2, maxBatch: 1000);

    public async Task<BookedContract?> GetAsync(string tenantId, int version, CancellationToken cancellationToken = default)
    {
        if (_parsed.TryGetValue((tenantId, version), out var booked))
        {
            return booked;
        }

        return await store.GetAsync(tenantId, version, cancellationToken) is { } row ? Book(row) : null;
    }

    /// <remarks>A lookup already queued is not cancelled: <paramref name="cancellationToken"/> only stops the wait.</remarks>
    public async Task<BookedContract?> GetInForceAsync(string tenantId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await _inForce.RunAsync((tenantId, at)).WaitAsync(cancellationToken) is { } row ? Book(row) : null;

    public async Task<BillingPeriod> GetBillingAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await FindBillingAsync(tenantId, cancellationToken) ?? BillingPeriod.Default;

    /// <remarks>
    /// Kept once known: every version of a tenant has the same billing period (a version changing it is refused),
    /// so only "no contract yet" can change, and that is never cached.
    /// </remarks>
    public async Task<BillingPeriod?> FindBillingAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        if (_billing.TryGetValue(tenantId, out var known))
        {
            return known;
        }

        if (await store.GetLatestAsync(tenantId, cancellationToken) is not { } row)
        {
            return null;
        }

        return _billing[tenantId] = Book(row).Contract.BillingPeriod;
    }

    public ValueTask DisposeAsync() => _inForce.DisposeAsync();

    /// <summary>Parses (or finds) the row's contract; a row that does not parse is corrupt data, not bad input.</summary>
    public BookedContract Book(ContractRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _parsed.GetOrAdd((row.TenantId, row.Version), _ =>
        {
            var parsed = ContractParser.ParseStored(row.CanonicalJson);
            return parsed.IsValid
                ? new BookedContract(row.TenantId, row.Version, row.EffectiveFrom, parsed.Contract)
                : throw new InvalidDataException($"contract version {row.Version} of tenant '{row.TenantId}' does not parse: {string.Join("; ", parsed.Errors)}");
        });
    }
}
