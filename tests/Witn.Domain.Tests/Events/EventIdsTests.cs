using Witn.Domain.Events;

namespace Witn.Domain.Tests.Events;

public sealed class EventIdsTests
{
    private static readonly Guid DnsNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    [Fact]
    public void v5_matches_the_rfc_reference_value() =>
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com")
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), EventIds.V5(DnsNamespace, "www.example.com"));

    [Fact]
    public void an_idempotency_key_gives_the_same_id_every_time_and_a_different_one_per_tenant()
    {
        var id = EventIds.FromIdempotencyKey("acme", "t1-closed");

        Assert.Equal(id, EventIds.FromIdempotencyKey("acme", "t1-closed"));
        Assert.Equal(EventIds.V5(EventIds.TenantNamespace("acme"), "t1-closed"), id);
        Assert.NotEqual(id, EventIds.FromIdempotencyKey("globex", "t1-closed"));
        Assert.NotEqual(id, EventIds.FromIdempotencyKey("acme", "t1-reopened"));
        Assert.Equal(5, EventIds.VersionOf(id));
    }
}
