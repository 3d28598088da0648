namespace Witn.Api.Security;

/// <summary>The claims an authenticated API key carries.</summary>
public static class ApiKeyClaims
{
    public const string Scheme = "ApiKey";
    public const string KeyId = "witn:key_id";
    public const string Scope = "witn:scope";
    public const string TenantId = "witn:tenant_id";
}
