using Witn.Storage.Postgres;

namespace Witn.Silo.Startup;

/// <summary>Where the silo's database is and as whom it is used.</summary>
/// <param name="Runtime">The connection the silo works with (the runtime role, unless --allow-owner-role).</param>
/// <param name="Migrate">The owner's connection that applies the migrations, or null when none is given.</param>
/// <param name="Embedded">The embedded server, when the silo runs its own.</param>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed record DatabaseTarget(string Runtime, string? Migrate, EmbeddedPostgres? Embedded);
