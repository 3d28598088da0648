namespace Witn.Testing;

/// <summary>Register with <c>[assembly: AssemblyFixture(typeof(PostgresAssemblyFixture))]</c> so the shared server stops after the last test, pass or fail.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PostgresAssemblyFixture : IAsyncDisposable
{
    public ValueTask DisposeAsync() => SharedPostgres.StopAsync();
}
