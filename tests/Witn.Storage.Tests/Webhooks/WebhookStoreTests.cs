using Microsoft.Extensions.Time.Testing;
using Witn.Domain.Ingestion;
using Witn.Domain.Webhooks;
using Witn.Storage.Ledger;
using Witn.Storage.Webhooks;
using Witn.Testing;
using static Witn.Storage.Tests.Ledger.Charges;

namespace Witn.Storage.Tests.Webhooks;

// Each test has a database of its own: the dispatcher's statements take every due row, not one tenant's.
public sealed class WebhookStoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task fan_out_creates_one_delivery_per_matching_enabled_endpoint_and_publishes_each_outbox_row_once()
    {
        await using var db = await DatabaseAsync();
        var (store, ledger) = Stores(db);
        var all = await store.CreateEndpointAsync("https://all.example/", [WebhookEventTypes.ChargeCommitted], null, _ct);
        var onlyA = await store.CreateEndpointAsync("https://a.example/", [WebhookEventTypes.ChargeCommitted, WebhookEventTypes.CreditIssued], "tenant-a", _ct);
        await store.CreateEndpointAsync("https://b.example/", [WebhookEventTypes.ChargeCommitted], "tenant-b", _ct);
        var disabled = await store.CreateEndpointAsync("https://off.example/", [WebhookEventTypes.ChargeCommitted], null, _ct);
        await store.DisableEndpointAsync(disabled.Endpoint.Id, _ct);
        var (charge, _) = await ledger.CommitChargeAsync(Charge("tenant-a"), _ct);
        await ledger.AddCreditAsync(charge.Id, "refund", "{}", cancellationToken: _ct);

        Assert.Equal(2, await store.FanOutAsync(100, _ct));
        Assert.Equal(0, await store.FanOutAsync(100, _ct));

        var deliveries = (await store.ListDeliveriesAsync(null, null, null, 100, cancellationToken: _ct))!;
        Assert.Equal(
            ((IEnumerable<(Guid, string, string)>)[(all.Endpoint.Id, "charge", WebhookEventTypes.ChargeCommitted), (onlyA.Endpoint.Id, "charge", WebhookEventTypes.ChargeCommitted), (onlyA.Endpoint.Id, "credit", WebhookEventTypes.CreditIssued)]).Order(),
            deliveries.Select(d => (d.EndpointId, d.OutboxKind, d.EventType)).Order());
        Assert.All(deliveries, d => Assert.Equal((WebhookDeliveryStatus.Pending, 0, "tenant-a"), (d.Status, d.Attempts, d.TenantId)));
    }

    [Fact]
    public async Task two_concurrent_claims_never_take_the_same_delivery_and_a_held_one_is_not_claimed_again()
    {
        await using var db = await DatabaseAsync();
        var (store, ledger) = Stores(db);
        await store.CreateEndpointAsync("https://all.example/", [WebhookEventTypes.ChargeCommitted], null, _ct);
        for (var i = 0; i < 40; i++)
        {
            await ledger.CommitChargeAsync(Charge("tenant-a", correlation: $"T-{i}"), _ct);
        }

        await store.FanOutAsync(100, _ct);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.ClaimAsync(25, Lease, _ct), _ct)));

        var ids = claims.SelectMany(c => c.Select(d => d.Id)).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(40, ids.Distinct().Count());
        Assert.Empty(await store.ClaimAsync(100, Lease, _ct));
    }

    [Fact]
    public async Task a_delivery_whose_sender_died_is_claimed_again_once_the_lease_ends()
    {
        await using var db = await DatabaseAsync();
        var (store, ledger) = Stores(db);
        await store.CreateEndpointAsync("https://all.example/", [WebhookEventTypes.ChargeCommitted], null, _ct);
        await ledger.CommitChargeAsync(Charge("tenant-a"), _ct);
        await store.FanOutAsync(100, _ct);
        var first = Assert.Single(await store.ClaimAsync(10, Lease, _ct));

        _time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await store.ClaimAsync(10, Lease, _ct));
        _time.Advance(TimeSpan.FromSeconds(1));
        var again = Assert.Single(await store.ClaimAsync(10, Lease, _ct));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal((1, 2), (first.Attempt, again.Attempt));
        Assert.NotEqual(first.LeaseToken, again.LeaseToken);
        // The stale sender's failure does not overwrite the new holder's lease.
        Assert.False(await store.RecordFailureAsync(first.Id, first.LeaseToken, 500, "late", _time.GetUtcNow(), _ct));
    }

    [Fact]
    public async Task a_success_is_recorded_once_even_when_two_senders_report_one_and_a_later_failure_changes_nothing()
    {
        await using var db = await DatabaseAsync();
        var (store, ledger) = Stores(db);
        await store.CreateEndpointAsync("https://all.example/", [WebhookEventTypes.ChargeCommitted], null, _ct);
        await ledger.CommitChargeAsync(Charge("tenant-a"), _ct);
        await store.FanOutAsync(100, _ct);
        var stale = Assert.Single(await store.ClaimAsync(10, Lease, _ct));
        _time.Advance(Lease);
        var current = Assert.Single(await store.ClaimAsync(10, Lease, _ct));

        var recorded = await Task.WhenAll(store.RecordSuccessAsync(stale.Id, 200, _ct), store.RecordSuccessAsync(current.Id, 204, _ct));

        Assert.Single(recorded, r => r);
        Assert.False(await store.RecordFailureAsync(current.Id, current.LeaseToken, 500, "after success", _time.GetUtcNow(), _ct));
        var delivery = await store.GetDeliveryAsync(current.Id, _ct);
        Assert.Equal((WebhookDeliveryStatus.Delivered, 2, EventTimestamps.Normalize(_time.GetUtcNow())), (delivery!.Status, delivery.Attempts, delivery.DeliveredAt));
    }

    [Fact]
    public async Task a_dead_delivery_is_replayed_with_the_same_id_and_a_fresh_attempt_budget_but_a_pending_one_is_not()
    {
        await using var db = await DatabaseAsync();
        var (store, ledger) = Stores(db);
        await store.CreateEndpointAsync("https://all.example/", [WebhookEventTypes.ChargeCommitted], null, _ct);
        await ledger.CommitChargeAsync(Charge("tenant-a"), _ct);
        await store.FanOutAsync(100, _ct);
        var claimed = Assert.Single(await store.ClaimAsync(10, Lease, _ct));
        Assert.Equal(WebhookReplayStatus.AlreadyPending, (await store.ReplayAsync(claimed.Id, _ct)).Status);
        Assert.True(await store.RecordFailureAsync(claimed.Id, claimed.LeaseToken, 500, "the receiver answered HTTP 500", null, _ct));

        var (status, replayed) = await store.ReplayAsync(claimed.Id, _ct);

        Assert.Equal(WebhookReplayStatus.Replayed, status);
        Assert.Equal((claimed.Id, WebhookDeliveryStatus.Pending, 0, 500), (replayed!.Id, replayed.Status, replayed.Attempts, replayed.LastStatusCode));
        Assert.Equal(claimed.Id, Assert.Single(await store.ClaimAsync(10, Lease, _ct)).Id);
        Assert.Equal(WebhookReplayStatus.NotFound, (await store.ReplayAsync(Guid.NewGuid(), _ct)).Status);
    }

    private (WebhookStore Store, LedgerStore Ledger) Stores(TestDatabase db) => (new WebhookStore(db.DataSource, _time), new LedgerStore(db.DataSource, _time));

    private static async Task<TestDatabase> DatabaseAsync()
    {
        var db = new TestDatabase();
        await db.InitializeAsync();
        return db;
    }
}
