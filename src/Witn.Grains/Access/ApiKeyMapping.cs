using Witn.Abstractions.Access;
using Witn.Storage.Access;

namespace Witn.Grains.Access;

internal static class ApiKeyMapping
{
    public static ApiKeyInfo ToInfo(ApiKeyRow row) =>
        new(row.Id, row.Name, [.. row.Scopes], row.TenantId, row.CreatedAt, row.RevokedAt, row.ExpiresAt, row.LastUsedAt);
}
