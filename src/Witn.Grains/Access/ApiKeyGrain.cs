using Witn.Abstractions.Access;
using Witn.Domain.Access;
using Witn.Storage.Keys;

namespace Witn.Grains.Access;

/// <summary>Holds one key's row in memory; the database is the source of truth on activation.</summary>
public sealed class ApiKeyGrain(ApiKeyStore store) : Grain, IApiKeyGrain
{
    private ApiKeyRow? _row;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _row = await store.FindAsync(this.GetPrimaryKeyString(), cancellationToken);

    public Task<ApiKeyInfo?> AuthenticateAsync(string secret)
    {
        var row = _row;
        var ok = row is { RevokedAt: null } && new ApiKeyToken(row.Id, secret).Matches(row.SecretHash);
        return Task.FromResult(ok ? ApiKeyMapping.ToInfo(row!) : null);
    }

    public async Task<ApiKeyInfo?> RevokeAsync()
    {
        _row = await store.RevokeAsync(this.GetPrimaryKeyString());
        return _row is null ? null : ApiKeyMapping.ToInfo(_row);
    }
}
