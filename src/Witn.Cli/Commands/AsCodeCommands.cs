using System.CommandLine;
using System.Net;
using System.Text.Json;
using Spectre.Console;
using Witn.Cli.AsCode;
using Witn.Cli.Exit;
using Witn.Cli.Output;
using Witn.Client;
using Witn.Domain.Contracts;

namespace Witn.Cli.Commands;

/// <summary>
/// Definitions and contracts as code: <c>validate</c> (offline with the engine's parsers, then the server's checks),
/// <c>diff</c> (exit 1 when the server differs: a drift check for CI) and <c>apply</c> (<c>--dry-run</c>: the diff only).
/// </summary>
public static class AsCodeCommands
{
    public static Command Validate(WitnCli cli)
    {
        var file = FileOption();
        var offline = new Option<bool>("--offline") { Description = "only the offline checks, even when a server is configured" };
        var command = new Command("validate", "Check definitions (outcomes/*.yaml) and contracts (contracts/*.yaml): file:line:column for each error, offline, then against the server; exit 1 on any error") { file, offline };
        command.SetAction(cli.Action(async (ctx, parse, ct) =>
        {
            var set = SourceLoader.Load(parse.GetValue(file)!);
            var problems = new List<SourceProblem>(set.Problems);
            var warnings = new List<SourceProblem>();
            var server = parse.GetValue(offline) ? null : ctx.ResolveConnection(required: false);
            if (server is not null)
            {
                await ServerChecksAsync(ctx, set, problems, warnings, ct);
            }

            if (ctx.Json)
            {
                Render.Json(ctx.Io.Out, new { valid = problems.Count == 0, checked_with_server = server is not null, errors = problems.Select(p => p.ToString()), warnings = warnings.Select(w => w.ToString()) });
            }
            else
            {
                foreach (var p in problems)
                {
                    ctx.Io.Out.WriteLine($"error: {p}");
                }

                foreach (var w in warnings)
                {
                    ctx.Io.Out.WriteLine($"warning: {w}");
                }

                var counts = $"{set.Definitions.Count()} definition(s), {set.Contracts.Count()} contract(s)";
                var where = server is null ? "offline (no server configured, or --offline)" : $"offline and against {server.Url}";
                ctx.Out.MarkupLine(problems.Count == 0 ? $"{Render.Styled("valid")}: {counts}, checked {Markup.Escape(where)}" : $"[red]{problems.Count} error(s)[/]; {Markup.Escape(counts)} parsed, checked {Markup.Escape(where)}");
            }

            return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }

    public static Command Diff(WitnCli cli)
    {
        var file = FileOption();
        var command = new Command("diff", "Show what 'witn apply' would change on the server (new, new version, unchanged, status change); exit 1 when anything differs") { file };
        command.SetAction(cli.Action(async (ctx, parse, ct) =>
        {
            var plan = await PlanAsync(ctx, parse.GetValue(file)!, ct);
            PrintPlan(ctx, plan, applied: false);
            return plan.Any(p => p.ChangesServer) ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Apply(WitnCli cli)
    {
        var file = FileOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "show the diff and change nothing" };
        var command = new Command("apply", "Publish definitions and contracts that differ from the server's (and definition statuses), after showing the diff") { file, dryRun };
        command.SetAction(cli.Action(async (ctx, parse, ct) =>
        {
            var plan = await PlanAsync(ctx, parse.GetValue(file)!, ct);
            if (parse.GetValue(dryRun))
            {
                PrintPlan(ctx, plan, applied: false);
                return ExitCodes.Ok;
            }

            var client = ctx.Client();
            var applied = new List<PlannedChange>();
            foreach (var change in plan)
            {
                var d = change.Source;
                var result = change;
                if (change.Change != ChangeKind.Unchanged)
                {
                    var path = d.Kind == SourceKind.Definition ? $"v1/outcomes/{Paths.Segment(d.Name)}" : $"v1/tenants/{Paths.Segment(d.Name)}/contract";
                    var stored = await client.SendDocumentAsync(HttpMethod.Put, path, d.Text, d.MediaType, ct);
                    var version = JsonFields.Long(stored, "version");
                    result = result with { ServerVersion = (int)version - 1 };
                    foreach (var w in JsonFields.Items(stored, "warnings"))
                    {
                        ctx.Io.Error.WriteLine($"warning: {new SourceProblem(d.File, (int?)JsonFields.Long(w, "line"), (int?)JsonFields.Long(w, "column"), JsonFields.Text(w, "path"), JsonFields.Text(w, "message"), JsonFields.Text(w, "hint"))}");
                    }
                }

                if (change.StatusTo is { } status)
                {
                    await client.SendJsonAsync(HttpMethod.Post, $"v1/outcomes/{Paths.Segment(d.Name)}/status", new Dictionary<string, string> { ["status"] = status }, ct);
                }

                applied.Add(result);
            }

            PrintPlan(ctx, applied, applied: true);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Option<string[]> FileOption() =>
        new("--file", "-f") { Description = "a definition or contract file, or a folder with outcomes/ and contracts/ folders (repeat for several)", Required = true, HelpName = "dir|file" };

    private static async Task<IReadOnlyList<PlannedChange>> PlanAsync(CliContext ctx, string[] paths, CancellationToken ct)
    {
        var set = SourceLoader.Load(paths);
        if (set.Problems.Count > 0)
        {
            throw new CliFailure(ExitCodes.Failed, string.Join("\n", set.Problems) + $"\nnothing was applied: fix the {set.Problems.Count} error(s) above ('witn validate' shows each)");
        }

        var definitions = (await ctx.ListAsync("v1/outcomes", ct)).ToDictionary(
            d => JsonFields.Text(d, "name"),
            d => new ServerDefinition(JsonFields.Text(d, "name"), JsonFields.Text(d, "status"), (int)JsonFields.Long(d, "latest_version"), JsonFields.Text(d, "content_hash")));
        var contracts = new Dictionary<string, ServerContract>();
        foreach (var c in set.Contracts)
        {
            if (await ServerContractAsync(ctx, c, ct) is { } server)
            {
                contracts[c.Name] = server;
            }
        }

        return ApplyPlanner.Plan(set.Documents, definitions, contracts);
    }

    private static async Task<ServerContract?> ServerContractAsync(CliContext ctx, SourceDocument c, CancellationToken ct)
    {
        await TenantMustExistAsync(ctx, c, ct);
        try
        {
            var stored = await ctx.GetAsync($"v1/tenants/{Paths.Segment(c.Name)}/contract", ct);
            var parsed = ContractParser.ParseStored(JsonFields.Get(stored, "contract")!.Value.GetRawText());
            return parsed.IsValid ? new ServerContract(c.Name, (int)JsonFields.Long(stored, "version"), parsed.Contract) : null;
        }
        catch (WitnApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task TenantMustExistAsync(CliContext ctx, SourceDocument c, CancellationToken ct)
    {
        try
        {
            await ctx.GetAsync($"v1/tenants/{Paths.Segment(c.Name)}", ct);
        }
        catch (WitnApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            throw new CliFailure(ExitCodes.Failed, $"{c.File}: tenant '{c.Name}' does not exist on the server; create it first: witn tenants put {c.Name} --name \"…\"");
        }
    }

    private static async Task ServerChecksAsync(CliContext ctx, SourceSet set, List<SourceProblem> problems, List<SourceProblem> warnings, CancellationToken ct)
    {
        var client = ctx.Client();
        foreach (var d in set.Definitions)
        {
            var answer = await client.SendDocumentAsync(HttpMethod.Post, "v1/outcomes/validate", d.Text, d.MediaType, ct);
            problems.AddRange(JsonFields.Items(answer, "errors").Select(e => Problem(d.File, e)));
        }

        if (!set.Contracts.Any())
        {
            return;
        }

        // Prices for outcomes neither the server nor these files define are warnings, as the server gives them on a put.
        var known = (await ctx.ListAsync("v1/outcomes", ct)).Select(o => JsonFields.Text(o, "name")).Concat(set.Definitions.Select(d => d.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var c in set.Contracts)
        {
            try
            {
                await TenantMustExistAsync(ctx, c, ct);
            }
            catch (CliFailure f)
            {
                problems.Add(new SourceProblem(c.File, null, null, "tenant", f.Message[(c.File.Length + 2)..], null));
            }

            var parsed = Contract.Parse(c.Text, c.Format, known);
            warnings.AddRange(parsed.Warnings.Select(w => new SourceProblem(c.File, w.Line, w.Column, w.Path, w.Message, w.Hint)));
        }
    }

    private static SourceProblem Problem(string file, JsonElement e) =>
        new(file, JsonFields.Get(e, "line") is { } l ? l.GetInt32() : null, JsonFields.Get(e, "column") is { } c ? c.GetInt32() : null,
            JsonFields.Text(e, "path"), JsonFields.Text(e, "message"), JsonFields.Text(e, "hint"));

    private static void PrintPlan(CliContext ctx, IReadOnlyList<PlannedChange> plan, bool applied)
    {
        if (ctx.Json)
        {
            Render.Json(ctx.Io.Out, new
            {
                applied,
                changes = plan.Select(p => new { kind = p.Source.Kind == SourceKind.Definition ? "outcome" : "contract", name = p.Source.Name, file = p.Source.File, change = p.ChangeText, status_from = p.StatusFrom, status_to = p.StatusTo }),
            });
            return;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns(applied ? "applied" : "change", "what", "status", "file");
        foreach (var p in plan)
        {
            table.AddRow(Render.Status(p.ChangeText == "new" || p.Change == ChangeKind.NewVersion ? p.ChangeText : "unchanged"),
                new Text(p.Source.Label), new Text(p.StatusText ?? ""), new Text(p.Source.File));
        }

        ctx.Out.Write(table);
        var changed = plan.Count(p => p.ChangesServer);
        ctx.Out.WriteLine(applied ? $"{changed} change(s) applied, {plan.Count - changed} unchanged"
            : changed == 0 ? "the server holds all of it: nothing to apply" : $"{changed} change(s) to apply, {plan.Count - changed} unchanged");
    }
}
