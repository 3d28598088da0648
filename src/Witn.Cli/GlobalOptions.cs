using System.CommandLine;

namespace Witn.Cli;

/// <summary>The options every command takes (recursive on the root command).</summary>
public sealed class GlobalOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "print the API's JSON answer (for scripts) instead of tables", Recursive = true };

    public Option<bool> NoColor { get; } = new("--no-color") { Description = "no colours or live progress, even on a terminal (also: NO_COLOR set)", Recursive = true };

    public Option<string?> Profile { get; } = new("--profile") { Description = "the saved profile to use (default: WITN_PROFILE, else the one 'witn login' saved first)", HelpName = "name", Recursive = true };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "print only the value a script captures: the id of what the command answers (each item's for lists; the secret for keys create)", Recursive = true };

    public IEnumerable<Option> All => [Json, NoColor, Profile, Quiet];
}
