namespace Witn.Cli.AsCode;

/// <summary>What applying a file would do to what the server holds.</summary>
public enum ChangeKind
{
    /// <summary>The server has no such definition, or the tenant no contract: version 1.</summary>
    New,

    /// <summary>The content differs from the server's latest version: version n + 1.</summary>
    NewVersion,

    /// <summary>The same content (as the canonical form compares it): nothing is sent.</summary>
    Unchanged,
}
