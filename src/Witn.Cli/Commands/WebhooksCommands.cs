using System.CommandLine;
using Witn.Cli.Output;

namespace Witn.Cli.Commands;

/// <summary><c>witn webhooks list|deliveries|replay</c> (admin).</summary>
public static class WebhooksCommands
{
    public static Command Create(WitnCli cli)
    {
        var list = Build.Leaf(cli, "list", "The webhook endpoints (never a secret)", [], async (ctx, parse, ct) =>
        {
            ctx.PrintList(await ctx.ListAsync("v1/webhooks", ct), "id", "url", "events", "tenant_id", "enabled", "created_at");
            return 0;
        });
        var status = Build.Text("--status", "only deliveries in this status: pending, delivered, dead");
        var endpoint = Build.Text("--endpoint", "only deliveries to this endpoint id", helpName: "id");
        var deliveries = Build.Leaf(cli, "deliveries", "Deliveries, newest first (the ids 'replay' takes)", [status, endpoint], async (ctx, parse, ct) =>
        {
            ctx.PrintList(await ctx.ListAsync(Paths.Query("v1/webhooks/deliveries", ("status", parse.GetValue(status)), ("endpoint", parse.GetValue(endpoint))), ct),
                "id", "endpoint_id", "type", "tenant_id", "status", "attempts", "last_status_code", "last_error", "created_at");
            return 0;
        });
        var id = Build.Arg("delivery", "the delivery id");
        var replay = Build.Leaf(cli, "replay", "Send a delivery again (a dead one, or one the receiver lost)", [id], async (ctx, parse, ct) =>
        {
            var delivery = await ctx.PostAsync($"v1/webhooks/deliveries/{Paths.Segment(parse.GetValue(id)!)}/replay", null, ct);
            ctx.Print(delivery, c => Render.Fields(c, delivery, "id", "endpoint_id", "type", "tenant_id", "status", "attempts", "next_attempt_at"));
            return 0;
        });
        return Build.Group("webhooks", "Webhook endpoints and deliveries", list, deliveries, replay);
    }
}
