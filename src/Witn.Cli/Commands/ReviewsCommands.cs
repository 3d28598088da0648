using System.CommandLine;
using System.Text.Json.Nodes;
using Witn.Cli.Output;

namespace Witn.Cli.Commands;

/// <summary><c>witn reviews list|approve|reject</c>: outcomes that matched <c>review_when</c> and wait for a decision.</summary>
public static class ReviewsCommands
{
    public static Command Create(WitnCli cli)
    {
        var tenant = Build.Tenant(required: false);
        var list = Build.Leaf(cli, "list", "Outcomes waiting in review (a tenant-restricted key may leave out --tenant)", [tenant], async (ctx, parse, ct) =>
        {
            ctx.PrintList(await ctx.ListAsync(Paths.Query("v1/reviews", ("tenant", parse.GetValue(tenant))), ct), "tenant_id", "definition", "correlation", "status", "summary");
            return 0;
        });
        return Build.Group("reviews", "The review queue", list, Decide(cli, "approve"), Decide(cli, "reject"));
    }

    private static Command Decide(WitnCli cli, string decision)
    {
        var tenant = Build.Tenant();
        var definition = Build.Arg("definition", "the definition name");
        var correlation = Build.Arg("correlation", "the correlation value");
        var note = Build.Text("--note", "why, for the record", helpName: "text");
        return Build.Leaf(cli, decision, decision == "approve" ? "Approve an outcome in review: it settles and is charged" : "Reject an outcome in review: it is never charged",
            [tenant, definition, correlation, note], async (ctx, parse, ct) =>
            {
                var body = new JsonObject { ["decision"] = decision };
                TenantsCommands.Add(body, "note", parse.GetValue(note));
                var outcome = await ctx.PostAsync($"v1/tenants/{Paths.Segment(parse.GetValue(tenant)!)}/reviews/{Paths.Segment(parse.GetValue(definition)!)}/{Paths.Segment(parse.GetValue(correlation)!)}", body, ct);
                ctx.Print(outcome, c => Render.Fields(c, outcome, "definition", "correlation", "status", "summary"));
                return 0;
            });
    }
}
