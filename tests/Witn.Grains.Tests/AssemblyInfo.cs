[assembly: AssemblyFixture(typeof(Witn.Testing.PostgresAssemblyFixture))]
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
