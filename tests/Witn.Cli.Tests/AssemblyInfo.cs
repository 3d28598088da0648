[assembly: AssemblyFixture(typeof(Witn.Testing.PostgresAssemblyFixture))]
