namespace Witn.Abstractions.Portal;

/// <summary>
/// The cluster's portal link-signing secret, from PostgreSQL (created once). A stateless worker: every silo reads it
/// locally, so the secret does not travel between silos; the HTTP facade caches it.
/// </summary>
[Alias("witn.portal.secret-grain")]
public interface IPortalSecretGrain : IGrainWithIntegerKey
{
    [Alias("get")]
    Task<byte[]> GetAsync();
}
