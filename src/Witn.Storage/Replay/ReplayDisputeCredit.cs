namespace Witn.Storage.Replay;

/// <summary>A dispute credit as recorded, on the charge at <see cref="Sequence"/> of an outcome; replay applies it as it was.</summary>
public sealed record ReplayDisputeCredit(string Correlation, int Sequence, long? AmountMinor, DateTimeOffset? Period, DateTimeOffset CreatedAt);
