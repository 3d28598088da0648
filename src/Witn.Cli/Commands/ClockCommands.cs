using System.CommandLine;
using System.Text.Json.Nodes;
using Witn.Cli.Output;

namespace Witn.Cli.Commands;

/// <summary><c>witn clock advance</c>: moves a sandbox tenant's test clock; returns once everything due has happened.</summary>
public static class ClockCommands
{
    public static Command Create(WitnCli cli)
    {
        var tenant = Build.Tenant();
        var to = Build.Text("--to", "the new clock instant, e.g. 2026-11-05T09:41:00Z (a test clock never moves back)", required: true, helpName: "instant");
        var advance = Build.Leaf(cli, "advance", "Move a sandbox tenant's test clock forward", [tenant, to], async (ctx, parse, ct) =>
        {
            var clock = await ctx.PostAsync($"v1/tenants/{Paths.Segment(parse.GetValue(tenant)!)}/clock/advance", new JsonObject { ["to"] = parse.GetValue(to) }, ct);
            ctx.Print(clock, c => Render.Fields(c, clock, "tenant_id", "now", "outcomes_ticked"));
            return 0;
        });
        return Build.Group("clock", "Sandbox test clocks", advance);
    }
}
