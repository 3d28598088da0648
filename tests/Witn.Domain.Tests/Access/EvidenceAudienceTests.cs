using Witn.Domain.Access;

namespace Witn.Domain.Tests.Access;

/// <summary>Who sees an evidence bundle in full: operators; every other key gets the customer view.</summary>
public sealed class EvidenceAudienceTests
{
    [Fact]
    public void an_admin_key_sees_the_full_bundle()
    {
        Assert.True(EvidenceAudience.SeesFullBundle([ApiKeyScope.Admin]));
        Assert.True(EvidenceAudience.SeesFullBundle([ApiKeyScope.Read, ApiKeyScope.Admin]));
    }

    [Fact]
    public void a_disputes_key_sees_the_full_bundle_to_defend_a_charge() =>
        Assert.True(EvidenceAudience.SeesFullBundle([ApiKeyScope.Disputes]));

    [Fact]
    public void read_and_ingest_keys_see_the_customer_view()
    {
        Assert.False(EvidenceAudience.SeesFullBundle([ApiKeyScope.Read]));
        Assert.False(EvidenceAudience.SeesFullBundle([ApiKeyScope.Ingest, ApiKeyScope.Read]));
        Assert.False(EvidenceAudience.SeesFullBundle([]));
    }
}
