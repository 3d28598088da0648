using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Witn.Cli.Output;

namespace Witn.Cli.Commands;

/// <summary><c>witn outcomes list|show</c>: a tenant's outcomes, with their state and explanation.</summary>
public static class OutcomesCommands
{
    public static Command Create(WitnCli cli)
    {
        var tenant = Build.Tenant();
        var state = Build.Text("--state", "only outcomes in this state: open, qualified, in_review, settled, voided, expired, rejected, reversed");
        var definition = Build.Text("--definition", "only outcomes of this definition", helpName: "name");
        var list = Build.Leaf(cli, "list", "The tenant's outcomes, by definition and correlation", [tenant, state, definition], async (ctx, parse, ct) =>
        {
            var path = Paths.Query($"v1/tenants/{Paths.Segment(parse.GetValue(tenant)!)}/outcomes", ("state", parse.GetValue(state)), ("definition", parse.GetValue(definition)));
            ctx.PrintList(await ctx.ListAsync(path, ct), "definition", "correlation", "status", "event_count", "qualified_at", "settles_at", "charge_id");
            return 0;
        });
        var showTenant = Build.Tenant();
        var name = Build.Arg("definition", "the definition name");
        var correlation = Build.Arg("correlation", "the correlation value, e.g. T-1042");
        var show = Build.Leaf(cli, "show", "One outcome: status, summary, transitions, events and the explanation tree", [showTenant, name, correlation], async (ctx, parse, ct) =>
        {
            var outcome = await ctx.GetAsync($"v1/tenants/{Paths.Segment(parse.GetValue(showTenant)!)}/outcomes/{Paths.Segment(parse.GetValue(name)!)}/{Paths.Segment(parse.GetValue(correlation)!)}", ct);
            ctx.Print(outcome, c => Show(c, outcome));
            return 0;
        });
        return Build.Group("outcomes", "A tenant's outcomes (instances of definitions)", list, show);
    }

    private static void Show(IAnsiConsole c, JsonElement o)
    {
        Render.Fields(c, o, "definition", "correlation", "status", "definition_version", "contract_version", "summary", "charge_id", "credit_id");
        Render.Heading(c, "transitions");
        Render.Table(c, JsonFields.Items(o, "transitions"), "state", "at", "reason");
        Render.Heading(c, "events");
        Render.Table(c, JsonFields.Items(o, "events"), "timestamp", "type", Column.Field("agent", "agent.id"), "id");
        Render.Heading(c, "conditions");
        var tree = new Tree("explanation");
        Render.Explanation(tree, JsonFields.Get(o, "state.explanation"));
        c.Write(tree);
    }
}
