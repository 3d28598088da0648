namespace Witn.Testing;

/// <summary>A database of its own without the project's schema (for migration tests).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmptyTestDatabase : TestDatabase
{
    protected override bool Migrate => false;
}
