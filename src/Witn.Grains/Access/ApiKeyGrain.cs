using System.Data.Common;
using Microsoft.Extensions.Logging;
using Witn.Abstractions.Access;
using Witn.Domain.Access;
using Witn.Domain.Ingestion;
using Witn.Storage.Access;

namespace Witn.Grains.Access;

/// <summary>
/// Holds one key's row in memory; the database is the source of truth on activation. Expiry is decided on every
/// call by the keys' clock (<see cref="ApiKeyStore.Time"/>); the last use is written at most once per
/// <see cref="LastUsedResolution"/>, so a key sending thousands of requests a second costs one UPDATE a minute.
/// </summary>
public sealed partial class ApiKeyGrain(ApiKeyStore store, ILogger<ApiKeyGrain> logger) : Grain, IApiKeyGrain
{
    /// <summary>How far <c>last_used_at</c> may lag behind the key's real last use.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private ApiKeyRow? _row;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _row = await store.FindAsync(this.GetPrimaryKeyString(), cancellationToken);

    public async Task<ApiKeyInfo?> AuthenticateAsync(string secret)
    {
        var row = _row;
        var now = store.Time.GetUtcNow();
        if (row is null || !row.IsUsableAt(now) || !new ApiKeyToken(row.Id, secret).Matches(row.SecretHash))
        {
            return null;
        }

        if (row.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            // Remembered first: a failed write is not retried on every request, only after the next minute.
            _row = row = row with { LastUsedAt = EventTimestamps.Normalize(now) };
            try
            {
                await store.TouchAsync(row.Id, now);
            }
            catch (DbException e)
            {
                // Bookkeeping only: the key is valid, so the request goes on.
                LastUseNotRecorded(logger, e, row.Id);
            }
        }

        return ApiKeyMapping.ToInfo(row);
    }

    public async Task<ApiKeyInfo?> RevokeAsync()
    {
        _row = await store.RevokeAsync(this.GetPrimaryKeyString());
        return _row is null ? null : ApiKeyMapping.ToInfo(_row);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the last use of API key {KeyId}; it is tried again in a minute")]
    private static partial void LastUseNotRecorded(ILogger logger, Exception exception, string keyId);
}
