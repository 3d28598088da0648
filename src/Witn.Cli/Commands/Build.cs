using System.CommandLine;

namespace Witn.Cli.Commands;

/// <summary>The shapes of options and commands that many commands share, declared once.</summary>
public static class Build
{
    public static Option<string> Tenant(bool required = true) =>
        new("--tenant", "-t") { Description = "the tenant id", Required = required, HelpName = "tenant" };

    public static Option<string> Text(string name, string description, bool required = false, string? helpName = null) =>
        new(name) { Description = description, Required = required, HelpName = helpName ?? name.TrimStart('-') };

    public static Argument<string> Arg(string name, string description) => new(name) { Description = description };

    /// <summary>A command of <paramref name="symbols"/> whose action is <paramref name="body"/>.</summary>
    public static Command Leaf(WitnCli cli, string name, string description, IEnumerable<Symbol> symbols, Func<CliContext, ParseResult, CancellationToken, Task<int>> body)
    {
        var command = new Command(name, description);
        foreach (var s in symbols)
        {
            switch (s)
            {
                case Option o:
                    command.Options.Add(o);
                    break;
                case Argument a:
                    command.Arguments.Add(a);
                    break;
            }
        }

        command.SetAction(cli.Action(body));
        return command;
    }

    public static Command Group(string name, string description, params Command[] subcommands)
    {
        var group = new Command(name, description);
        foreach (var c in subcommands)
        {
            group.Subcommands.Add(c);
        }

        return group;
    }
}
