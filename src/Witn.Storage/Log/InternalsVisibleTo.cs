using System.Runtime.CompilerServices;

// The log's tests hold a writer's transaction open between insert and commit (EventLogWriter.BeforeCommit).
[assembly: InternalsVisibleTo("Witn.Storage.Tests")]
