using Witn.Abstractions.Access;
using Witn.Abstractions.Cluster;
using Witn.Domain.Access;

namespace Witn.Abstractions.Tests;

/// <summary>
/// Sample values of every wire contract. The first sample of each type sets every property to a non-default
/// value, so a property that is not serialized (a missing <c>[Id]</c>) cannot round-trip unnoticed.
/// A new contract without samples here fails <c>every_contract_type_has_a_sample</c>.
/// </summary>
internal static class ContractSamples
{
    private static readonly DateTimeOffset Created = new(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    private static readonly ApiKeyInfo Revoked = new("0123456789abcdef", "support-bot", [ApiKeyScope.Ingest, ApiKeyScope.Read], "acme", Created, Created.AddHours(1));

    public static IReadOnlyDictionary<Type, object[]> ByType { get; } = new Dictionary<Type, object[]>
    {
        [typeof(ApiKeyInfo)] =
        [
            Revoked,
            Revoked with { TenantId = null, RevokedAt = null, Scopes = [ApiKeyScope.Admin] },
            Revoked with { Scopes = [] },
        ],
        [typeof(CreatedApiKey)] =
        [
            new CreatedApiKey(Revoked, "wk_0123456789abcdef_s3cr3t"),
        ],
        [typeof(NewApiKey)] =
        [
            new NewApiKey("support-bot", [ApiKeyScope.Ingest], "acme"),
            new NewApiKey("operator", [ApiKeyScope.Admin, ApiKeyScope.Read], null),
        ],
        [typeof(ProbeReply)] =
        [
            new ProbeReply("p1", "S127.0.0.1:11111:123456789", "@0123456789abcdef0123456789abcdef", 42),
        ],
    };
}
