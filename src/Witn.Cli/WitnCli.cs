using System.CommandLine;
using System.CommandLine.Help;
using Witn.Cli.Commands;
using Witn.Cli.Exit;

namespace Witn.Cli;

/// <summary>
/// The witn command line: builds the command tree (System.CommandLine), runs one command, and turns whatever went
/// wrong into one line on stderr and the documented exit code (<see cref="ExitCodes"/>).
/// </summary>
public sealed class WitnCli
{
    private readonly CliIo _io;

    public WitnCli(CliIo io)
    {
        _io = io;
        Options = new GlobalOptions();
    }

    public GlobalOptions Options { get; }

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var root = Build();
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Action is not HelpAction && parse.Errors.Count > 0)
        {
            await _io.Error.WriteLineAsync($"witn: {parse.Errors[0].Message} (see 'witn {string.Join(' ', CommandPath(parse))} --help')".Replace("  ", " ", StringComparison.Ordinal));
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = _io.Out, Error = _io.Error, EnableDefaultExceptionHandler = false }, cancellationToken);
    }

    /// <summary>The action of a command: runs <paramref name="body"/> in a fresh context and maps its failures.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> Action(Func<CliContext, ParseResult, CancellationToken, Task<int>> body) =>
        async (parse, ct) =>
        {
            using var context = new CliContext(parse, Options, _io);
            try
            {
                return await body(context, parse, ct);
            }
            catch (Exception e) when (ExitMapping.Describe(e, context.Connection?.Url) is { } described)
            {
                await _io.Error.WriteLineAsync($"witn: {described.Message}");
                return described.Code;
            }
        };

    private RootCommand Build()
    {
        var root = new RootCommand("witn: the Witn.Actors command line. Definitions and contracts as code, events, outcomes, charges, invoices, disputes, reviews and simulations over the HTTP API (docs/cli.md).");
        foreach (var option in Options.All)
        {
            root.Options.Add(option);
        }

        foreach (var command in new Command[]
                 {
                     LoginCommands.Login(this), LoginCommands.Status(this),
                     AsCodeCommands.Apply(this), AsCodeCommands.Validate(this), AsCodeCommands.Diff(this),
                     EvaluateCommand.Create(this), EventsCommands.Create(this), TenantsCommands.Create(this),
                     DefinitionsCommands.Create(this), OutcomesCommands.Create(this), ChargesCommands.Create(this),
                     InvoicesCommands.Create(this), DisputesCommands.Create(this), ReviewsCommands.Create(this),
                     SimulateCommands.Simulate(this), SimulateCommands.Rebuild(this), ClockCommands.Create(this),
                     KeysCommands.Create(this), WebhooksCommands.Create(this), ExportsCommands.Create(this), ExportsCommands.Reconcile(this),
                 })
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null && r.Parent is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, r.Command.Name);
        }

        return names;
    }
}
