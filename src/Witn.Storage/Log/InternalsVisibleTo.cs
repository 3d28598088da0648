using System.Runtime.CompilerServices;

// The log's tests hold a writer's transaction open between insert and commit (EventLogWriter.BeforeCommit) and check
// when a lane waits for company (EventLogLane.LingersAfter).
[assembly: InternalsVisibleTo("Witn.Storage.Tests")]
