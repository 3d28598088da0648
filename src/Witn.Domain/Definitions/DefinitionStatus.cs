namespace Witn.Domain.Definitions;

/// <summary>Lifecycle of a definition (all of its versions).</summary>
public enum DefinitionStatus
{
    /// <summary>Evaluated and billed.</summary>
    Active,

    /// <summary>Evaluated, never billed: lets a tenant see what a definition would charge.</summary>
    Shadow,

    /// <summary>No longer routed; existing outcomes keep the version they started with.</summary>
    Retired,
}
