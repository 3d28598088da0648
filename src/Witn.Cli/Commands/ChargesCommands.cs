using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Witn.Cli.Output;

namespace Witn.Cli.Commands;

/// <summary><c>witn charges list|show|explain</c>: the ledger, and a charge's evidence bundle as a terminal page.</summary>
public static class ChargesCommands
{
    public static Command Create(WitnCli cli)
    {
        var tenant = Build.Tenant();
        var from = Build.Text("--from", "only charges qualified at or after this instant", helpName: "instant");
        var to = Build.Text("--to", "only charges qualified before this instant", helpName: "instant");
        var list = Build.Leaf(cli, "list", "The tenant's charges, by qualification time", [tenant, from, to], async (ctx, parse, ct) =>
        {
            var path = Paths.Query($"v1/tenants/{Paths.Segment(parse.GetValue(tenant)!)}/charges", ("from", parse.GetValue(from)), ("to", parse.GetValue(to)));
            ctx.PrintList(await ctx.ListAsync(path, ct), "id", "outcome", "correlation", "amount", "currency", "qualified_at");
            return 0;
        });
        var id = Build.Arg("id", "the charge id");
        var show = Build.Leaf(cli, "show", "One charge", [id], async (ctx, parse, ct) =>
        {
            var charge = await ctx.GetAsync($"v1/charges/{Paths.Segment(parse.GetValue(id)!)}", ct);
            ctx.Print(charge, c => Render.Fields(c, charge, "id", "tenant_id", "outcome", "correlation", "amount", "currency", "unit_price", "sequence", "contract_version", "qualified_at", "settles_at", "summary", "evidence"));
            return 0;
        });
        var explainId = Build.Arg("id", "the charge id");
        var explain = Build.Leaf(cli, "explain", "The evidence behind a charge: summary, events, conditions and lifecycle", [explainId], async (ctx, parse, ct) =>
        {
            var evidence = await ctx.GetAsync($"v1/charges/{Paths.Segment(parse.GetValue(explainId)!)}/evidence", ct);
            ctx.Print(evidence, c => Explain(c, evidence));
            return 0;
        });
        return Build.Group("charges", "The ledger's charges and their evidence", list, show, explain);
    }

    private static void Explain(IAnsiConsole c, JsonElement e)
    {
        Render.Heading(c, $"{JsonFields.Text(e, "outcome")} for {JsonFields.Text(e, "correlation")}");
        c.WriteLine(JsonFields.Text(e, "summary"));
        if (JsonFields.Text(e, "credit_summary") is { Length: > 0 } credit)
        {
            c.WriteLine(credit);
        }

        c.WriteLine();
        Render.Fields(c, e, "tenant_id", "status", Column.Field("definition version", "definition_version"), "definition_hash", "contract_version",
            "first_event_at", "qualified_at", "settles_at", "settled_at", Column.Field("agent", "attributed_agent.id"), Column.Field("agent version", "attributed_agent.version"));
        Render.Heading(c, "events");
        Render.Table(c, JsonFields.Items(e, "events"), "timestamp", "type", Column.Field("agent", "agent.id"), new Column("properties", x => JsonFields.Get(x, "properties")?.GetRawText() ?? ""), "event_id");
        Render.Heading(c, "conditions");
        var tree = new Tree("explanation");
        Render.Explanation(tree, JsonFields.Get(e, "explanation"));
        c.Write(tree);
        Render.Heading(c, "lifecycle");
        Render.Table(c, JsonFields.Items(e, "transitions"), "state", "at", "reason", "event_id");
    }
}
