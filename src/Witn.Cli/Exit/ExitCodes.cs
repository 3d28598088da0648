namespace Witn.Cli.Exit;

/// <summary>
/// The exit codes of every witn command (docs/cli.md#exit-codes): scripts and CI branch on them, so each means one
/// kind of remedy.
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done, and every check held.</summary>
    public const int Ok = 0;

    /// <summary>A check failed or the server refused the request: invalid definitions, drift found, parity broken, events rejected, a 4xx problem.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: an unknown option, a missing argument, a file that is not there, no server configured.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached or could not answer (connection refused, timeout, a 5xx): try again later.</summary>
    public const int Unreachable = 3;

    /// <summary>The server refused the key itself (401 unknown, revoked or expired; 403 a scope or tenant the key lacks): use another key.</summary>
    public const int Unauthorized = 4;
}
