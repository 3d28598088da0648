using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Witn.Cli.AsCode;
using Witn.Cli.Exit;
using Witn.Cli.Output;

namespace Witn.Cli.Commands;

/// <summary>
/// <c>witn simulate</c> (replay history with candidate definitions and contracts: parity, then the delta table) and
/// <c>witn rebuild</c> (recompute outcome state from the log): both start a replay and follow its progress.
/// </summary>
public static class SimulateCommands
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    public static Command Simulate(WitnCli cli)
    {
        var from = Build.Text("--from", "only outcomes whose first event is at or after this instant", helpName: "instant");
        var to = Build.Text("--to", "only outcomes whose first event is before this instant", helpName: "instant");
        var tenants = new Option<string[]>("--tenant", "-t") { Description = "the tenants to replay (repeat; default: every tenant)", HelpName = "tenant" };
        var definitions = new Option<string[]>("--definition") { Description = "a candidate definition file (repeat)", HelpName = "file" };
        var contracts = new Option<string[]>("--contract") { Description = "a candidate contract file, for the tenant it names (repeat)", HelpName = "file" };
        var name = Build.Text("--name", "a name for the simulation");
        var by = new Option<string>("--by") { Description = "group the delta table by tenant, definition or period", DefaultValueFactory = _ => "definition" };
        by.AcceptOnlyFromAmong("tenant", "definition", "period");
        var csv = Build.Text("--csv", "write the flips (outcomes whose status or amount changed) to this CSV file", helpName: "file");
        return Build.Leaf(cli, "simulate", "Replay history with candidate definitions or contracts: parity with the ledger, then actual against simulated; exit 1 when parity breaks",
            [from, to, tenants, definitions, contracts, name, by, csv], async (ctx, parse, ct) =>
            {
                var body = new JsonObject();
                TenantsCommands.Add(body, "from", parse.GetValue(from));
                TenantsCommands.Add(body, "to", parse.GetValue(to));
                TenantsCommands.Add(body, "name", parse.GetValue(name));
                if (parse.GetValue(tenants) is { Length: > 0 } t)
                {
                    body["tenants"] = new JsonArray([.. t.Select(x => (JsonNode)x)]);
                }

                AddCandidates(body, "definitions", parse.GetValue(definitions), SourceKind.Definition);
                AddCandidates(body, "contracts", parse.GetValue(contracts), SourceKind.Contract);
                var simulation = await RunAsync(ctx, "v1/simulations", body, ct);
                var id = JsonFields.Text(simulation, "id");
                JsonElement? results = JsonFields.Text(simulation, "status") == "done" ? await ctx.GetAsync($"v1/simulations/{Paths.Segment(id)}/results?by={parse.GetValue(by)}", ct) : null;
                if (parse.GetValue(csv) is { } file && results is not null)
                {
                    await File.WriteAllTextAsync(file, await ctx.Client().GetTextAsync($"v1/simulations/{Paths.Segment(id)}/flips?format=csv", "text/csv", ct), ct);
                }

                if (ctx.Json)
                {
                    Render.Json(ctx.Io.Out, new { simulation, results });
                }
                else
                {
                    ShowParity(ctx.Out, simulation);
                    if (results is { } r)
                    {
                        Render.Heading(ctx.Out, $"actual against simulated, by {parse.GetValue(by)}");
                        Column[] columns =
                        [
                            "key", "currency", new Column("outcomes", x => $"{JsonFields.Text(x, "actual_outcomes")} → {JsonFields.Text(x, "simulated_outcomes")}"),
                            Column.Field("actual", "actual_amount"), Column.Field("simulated", "simulated_amount"), Column.Field("delta", "delta_amount"), Column.Field("delta %", "delta_percent"),
                        ];
                        Render.Table(ctx.Out, JsonFields.Items(r, "rows"), columns);
                        Render.Table(ctx.Out, JsonFields.Items(r, "totals"), columns);
                        if (parse.GetValue(csv) is { } written)
                        {
                            ctx.Out.WriteLine($"flips written to {written}");
                        }
                    }
                }

                return Verdict(simulation);
            });
    }

    public static Command Rebuild(WitnCli cli)
    {
        var tenants = new Option<string[]>("--tenant", "-t") { Description = "the tenants to rebuild (repeat; default: every tenant)", HelpName = "tenant" };
        var until = Build.Text("--until", "rebuild the state as of this instant (default: now)", helpName: "instant");
        return Build.Leaf(cli, "rebuild", "Recompute every outcome's stored state from the event log, checked against the ledger; exit 1 when it differs", [tenants, until], async (ctx, parse, ct) =>
        {
            var body = new JsonObject();
            if (parse.GetValue(tenants) is { Length: > 0 } t)
            {
                body["tenants"] = new JsonArray([.. t.Select(x => (JsonNode)x)]);
            }

            TenantsCommands.Add(body, "until", parse.GetValue(until));
            var rebuild = await RunAsync(ctx, "v1/admin/rebuild", body, ct);
            ctx.Print(rebuild, c => ShowParity(c, rebuild));
            return Verdict(rebuild);
        });
    }

    private static void AddCandidates(JsonObject body, string field, string[]? files, SourceKind kind)
    {
        if (files is not { Length: > 0 })
        {
            return;
        }

        var candidates = new JsonObject();
        foreach (var file in files)
        {
            var set = SourceLoader.Load(file);
            if (set.Problems.Count > 0)
            {
                throw new CliFailure(ExitCodes.Failed, string.Join("\n", set.Problems));
            }

            var document = set.Documents.Single();
            if (document.Kind != kind)
            {
                throw CliFailure.Usage($"{file} is {(document.Kind == SourceKind.Definition ? "an outcome definition" : "a contract")}: give it with --{(document.Kind == SourceKind.Definition ? "definition" : "contract")}");
            }

            candidates[document.Name] = document.Text;
        }

        body[field] = candidates;
    }

    /// <summary>Starts the replay and polls it until it has finished, drawing its progress on a terminal: the last state.</summary>
    private static async Task<JsonElement> RunAsync(CliContext ctx, string path, JsonObject body, CancellationToken ct)
    {
        var started = await ctx.PostAsync(path, body, ct);
        var id = Paths.Segment(JsonFields.Text(started, "id"));
        async Task<JsonElement> PollAsync(Action<JsonElement> progressed)
        {
            for (var s = started; ; s = await ctx.GetAsync($"v1/simulations/{id}", ct))
            {
                progressed(s);
                if (JsonFields.Text(s, "status") is not ("queued" or "running"))
                {
                    return s;
                }

                await Task.Delay(PollEvery, ct);
            }
        }

        if (!ctx.Live)
        {
            return await PollAsync(_ => { });
        }

        JsonElement last = started;
        await ctx.Out.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async p =>
            {
                var task = p.AddTask($"replaying {JsonFields.Text(started, "name")}".Trim(), maxValue: 100);
                last = await PollAsync(s =>
                {
                    task.Value = JsonFields.Double(s, "progress.percent");
                    task.Description = $"{JsonFields.Text(s, "status")}: {JsonFields.Long(s, "progress.events_read")}/{JsonFields.Long(s, "progress.events_total")} events, {JsonFields.Long(s, "progress.outcomes")} outcomes";
                });
                if (JsonFields.Text(last, "status") == "done")
                {
                    task.Value = 100;
                }

                task.StopTask();
            });
        return last;
    }

    private static void ShowParity(IAnsiConsole c, JsonElement s)
    {
        var status = JsonFields.Text(s, "status");
        c.MarkupLine($"{(JsonFields.Bool(s, "rebuild") ? "rebuild" : "simulation")} {Markup.Escape(JsonFields.Text(s, "id"))}: {Render.Styled(status)}{(JsonFields.Text(s, "error") is { Length: > 0 } e ? $" ({Markup.Escape(e)})" : "")}");
        if (JsonFields.Get(s, "parity") is not { } parity)
        {
            return;
        }

        var holds = JsonFields.Bool(parity, "holds");
        c.MarkupLine($"parity {Render.Styled(holds ? "holds" : "broken")}: {JsonFields.Long(parity, "outcomes_compared")} outcome(s) compared, {JsonFields.Long(parity, "mismatches")} mismatch(es)");
        Render.Table(c, JsonFields.Items(parity, "invoices"), "tenant", new Column("period", x => JsonFields.Text(x, "period_start") is { Length: >= 10 } p ? p[..10] : ""),
            Column.Field("ledger", "ledger_total"), Column.Field("replay", "replay_total"), "currency", "final", "matches");
    }

    private static int Verdict(JsonElement s) =>
        JsonFields.Text(s, "status") == "done" && JsonFields.Get(s, "parity") is { } p && JsonFields.Bool(p, "holds") ? ExitCodes.Ok : ExitCodes.Failed;
}
