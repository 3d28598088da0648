using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Witn.Cli.Output;
using Witn.Domain.Disputes;

namespace Witn.Cli.Commands;

/// <summary><c>witn disputes list|show|open|reply|resolve</c> (docs/disputes.md).</summary>
public static class DisputesCommands
{
    public static Command Create(WitnCli cli)
    {
        var tenant = Build.Tenant();
        var status = Build.Text("--status", $"only disputes in this status: {string.Join(", ", DisputeNames.StatusNames)}");
        var list = Build.Leaf(cli, "list", "The tenant's disputes, oldest first", [tenant, status], async (ctx, parse, ct) =>
        {
            var path = Paths.Query($"v1/tenants/{Paths.Segment(parse.GetValue(tenant)!)}/disputes", ("status", parse.GetValue(status)));
            ctx.PrintList(await ctx.ListAsync(path, ct), "id", "charge_id", "status", "reason", "amount", "currency", "opened_at");
            return 0;
        });
        var id = Build.Arg("id", "the dispute id");
        var show = Build.Leaf(cli, "show", "One dispute with its thread", [id], async (ctx, parse, ct) =>
        {
            var dispute = await ctx.GetAsync($"v1/disputes/{Paths.Segment(parse.GetValue(id)!)}", ct);
            ctx.Print(dispute, c => Show(c, dispute));
            return 0;
        });
        var charge = Build.Arg("charge", "the disputed charge's id");
        var reason = Build.Text("--reason", $"why: {string.Join(", ", DisputeNames.ReasonNames)}", required: true);
        var message = Build.Text("--message", "the customer's words", required: true, helpName: "text");
        var amount = Build.Text("--amount", "the disputed amount, e.g. 1.00 (default: the whole charge)", helpName: "decimal");
        var open = Build.Leaf(cli, "open", "Open a dispute on a charge", [charge, reason, message, amount], async (ctx, parse, ct) =>
        {
            var body = new JsonObject { ["reason"] = parse.GetValue(reason), ["message"] = parse.GetValue(message) };
            TenantsCommands.Add(body, "amount", parse.GetValue(amount));
            var dispute = await ctx.PostAsync($"v1/charges/{Paths.Segment(parse.GetValue(charge)!)}/disputes", body, ct);
            ctx.Print(dispute, c => Show(c, dispute));
            return 0;
        });
        var replyId = Build.Arg("id", "the dispute id");
        var text = Build.Text("--text", "the message", required: true);
        var author = new Option<string>("--author") { Description = "operator or customer", DefaultValueFactory = _ => "operator" };
        author.AcceptOnlyFromAmong("operator", "customer");
        var reply = Build.Leaf(cli, "reply", "Add a message to a dispute's thread (an operator's first takes it under review)", [replyId, text, author], async (ctx, parse, ct) =>
        {
            var dispute = await ctx.PostAsync($"v1/disputes/{Paths.Segment(parse.GetValue(replyId)!)}/messages", new JsonObject { ["author"] = parse.GetValue(author), ["text"] = parse.GetValue(text) }, ct);
            ctx.Print(dispute, c => Show(c, dispute));
            return 0;
        });
        var resolveId = Build.Arg("id", "the dispute id");
        var decision = new Option<string>("--decision") { Description = "credit or reject", Required = true };
        decision.AcceptOnlyFromAmong("credit", "reject");
        var creditAmount = Build.Text("--amount", "the credit, e.g. 1.00 (default: the disputed amount)", helpName: "decimal");
        var note = Build.Text("--note", "why, for the record", helpName: "text");
        var resolve = Build.Leaf(cli, "resolve", "Decide a dispute: a ledger credit (exactly once) or a rejection", [resolveId, decision, creditAmount, note], async (ctx, parse, ct) =>
        {
            var body = new JsonObject { ["decision"] = parse.GetValue(decision) };
            TenantsCommands.Add(body, "amount", parse.GetValue(creditAmount));
            TenantsCommands.Add(body, "note", parse.GetValue(note));
            var dispute = await ctx.PostAsync($"v1/disputes/{Paths.Segment(parse.GetValue(resolveId)!)}/resolve", body, ct);
            ctx.Print(dispute, c => Show(c, dispute));
            return 0;
        });
        return Build.Group("disputes", "Disputes on charges: open, answer, credit or reject", list, show, open, reply, resolve);
    }

    private static void Show(IAnsiConsole c, JsonElement d)
    {
        Render.Fields(c, d, "id", "charge_id", "status", "reason", "amount", "currency", "ack_due_by", "resolve_due_by",
            Column.Field("decision", "resolution.decision"), Column.Field("credit", "resolution.credit_id"), Column.Field("credited", "resolution.amount"));
        Render.Heading(c, "thread");
        Render.Table(c, JsonFields.Items(d, "thread"), "at", "author_kind", "text");
    }
}
