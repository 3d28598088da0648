namespace Witn.Storage.Postgres;

/// <summary>
/// The two PostgreSQL roles of a deployment (docs/operations.md): the owner, which applies the migrations and so
/// owns every table, and the runtime role the silo works as, which holds only the rights the migrations grant it.
/// </summary>
public static class DatabaseRoles
{
    /// <summary>The role the embedded PostgreSQL creates to own the schema (with a given server, any role may own it).</summary>
    public const string Owner = "witn_owner";

    /// <summary>
    /// The role every migration grants its rights to. The silo's login is this role or a member of it; the name is
    /// fixed because the grants live in the (immutable) migration scripts.
    /// </summary>
    public const string Runtime = "witn_runtime";
}
