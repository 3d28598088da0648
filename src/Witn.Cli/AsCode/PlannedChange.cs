namespace Witn.Cli.AsCode;

/// <summary>
/// One line of the diff: a file, what applying it would do (<see cref="Change"/>), the server's version it compares
/// with, and for a definition a status change (<see cref="StatusFrom"/> → <see cref="StatusTo"/>, null when none).
/// </summary>
public sealed record PlannedChange(SourceDocument Source, ChangeKind Change, int? ServerVersion, string? StatusFrom, string? StatusTo)
{
    /// <summary>Whether applying would change anything on the server.</summary>
    public bool ChangesServer => Change != ChangeKind.Unchanged || StatusTo is not null;

    public string ChangeText => Change switch
    {
        ChangeKind.New => "new",
        ChangeKind.NewVersion => $"new version {ServerVersion + 1}",
        _ => "unchanged",
    };

    public string? StatusText => StatusTo is null ? null : $"status {StatusFrom ?? "active"} → {StatusTo}";
}
