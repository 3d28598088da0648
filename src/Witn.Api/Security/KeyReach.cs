using Microsoft.AspNetCore.Http;

namespace Witn.Api.Security;

/// <summary>
/// What a route reaches beyond its scope, declared as endpoint metadata on each route group (overridden per route):
/// one tenant's data, state every tenant shares and may read, or state only an operator may touch. A key restricted
/// to a tenant is refused on <see cref="Operator"/> routes by <see cref="KeyReachRequirement"/>; a route that declares
/// nothing counts as <see cref="Operator"/>, so a forgotten declaration closes a route instead of opening it.
/// </summary>
public sealed class KeyReach
{
    /// <summary>One tenant's data: a restricted key may call it; the handler keeps it to its own tenant (<see cref="TenantAccess"/>).</summary>
    public static readonly KeyReach Tenant = new("tenant", null);

    /// <summary>Shared state a tenant needs to read (the definition catalog); nothing on such a route changes it.</summary>
    public static readonly KeyReach SharedRead = new("shared-read", null);

    private KeyReach(string name, string? shared)
    {
        Name = name;
        Shared = shared;
    }

    /// <summary><c>tenant</c>, <c>shared-read</c> or <c>operator</c>: the value docs/api.md's access matrix names.</summary>
    public string Name { get; }

    /// <summary>For an operator route: what every tenant shares that it changes or shows, for the 403's detail.</summary>
    public string? Shared { get; }

    /// <summary>Whether a key restricted to a tenant may call the route (its scope permitting).</summary>
    public bool AllowsRestrictedKeys => Name != "operator";

    /// <summary>Changes state every tenant shares, or shows the whole deployment (<paramref name="shared"/> says which): only a key not restricted to a tenant.</summary>
    public static KeyReach Operator(string shared) => new("operator", shared);

    /// <summary>The reach an endpoint declares (the most specific declaration wins); operator when it declares none.</summary>
    public static KeyReach Of(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<KeyReach>() ?? Operator("the deployment");

    public override string ToString() => Name;
}
