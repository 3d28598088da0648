namespace Witn.Storage.Log;

/// <summary>
/// The outcome for one appended record. Partition and position are those of the stored row: the original one for
/// <see cref="AppendStatus.Duplicate"/> and <see cref="AppendStatus.Conflict"/>; for <see cref="AppendStatus.Refused"/>
/// they are 0 and <see cref="Problem"/> says what the database objected to.
/// </summary>
public readonly record struct AppendResult(AppendStatus Status, Guid EventId, int Partition, long Position, string? Problem = null);
