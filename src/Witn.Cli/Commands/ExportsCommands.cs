using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Witn.Cli.Exit;
using Witn.Cli.Output;

namespace Witn.Cli.Commands;

/// <summary>
/// <c>witn exports show|retry</c> (where a final invoice was handed on: Stripe, Lago) and <c>witn reconcile</c> (compare
/// what a provider holds with the ledger; exit 1 when anything does not match, so a pipeline can gate on it).
/// </summary>
public static class ExportsCommands
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    public static Command Create(WitnCli cli)
    {
        var tenant = Build.Tenant();
        var period = Build.Arg("period", "the invoice's period start date, e.g. 2026-11-01");
        var show = Build.Leaf(cli, "show", "A final invoice's exports: provider, status, provider id, attempts, last error", [tenant, period], async (ctx, parse, ct) =>
        {
            var invoice = await ctx.GetAsync(InvoicePath(parse.GetValue(tenant)!, parse.GetValue(period)!), ct);
            var exports = JsonFields.Items(invoice, "exports").ToList();
            if (ctx.Json)
            {
                Render.Json(ctx.Io.Out, new { data = exports });
            }
            else
            {
                ctx.PrintList(exports, "provider", "subject", "status", "provider_id", "attempts", "method", "last_error");
            }

            return 0;
        });
        var retryTenant = Build.Tenant();
        var retryPeriod = Build.Arg("period", "the invoice's period start date, e.g. 2026-11-01");
        var provider = new Option<string>("--provider") { Description = "stripe or lago", Required = true, HelpName = "provider" };
        provider.AcceptOnlyFromAmong("stripe", "lago");
        var retry = Build.Leaf(cli, "retry", "Retry the invoice's failed and dead exports to a provider (after fixing the cause)", [retryTenant, retryPeriod, provider], async (ctx, parse, ct) =>
        {
            var path = $"{InvoicePath(parse.GetValue(retryTenant)!, parse.GetValue(retryPeriod)!)}/exports/{Paths.Segment(parse.GetValue(provider)!)}/retry";
            var reply = await ctx.PostAsync(path, null, ct);
            ctx.Print(reply, c =>
            {
                c.WriteLine($"{JsonFields.Text(reply, "retried")} export(s) due again");
                Render.Table(c, JsonFields.Items(reply, "exports"), "provider", "subject", "status", "provider_id", "attempts", "last_error");
            }, quietField: "retried");
            return 0;
        });
        return Build.Group("exports", "Exports of final invoices to Stripe and Lago (docs/payments.md)", show, retry);
    }

    public static Command Reconcile(WitnCli cli)
    {
        var provider = new Option<string>("--provider") { Description = "stripe or lago", Required = true, HelpName = "provider" };
        provider.AcceptOnlyFromAmong("stripe", "lago");
        var period = Build.Text("--period", "only invoices of this period start date, e.g. 2026-11-01", helpName: "date");
        var tenants = new Option<string[]>("--tenant", "-t") { Description = "only these tenants (repeat; default: every tenant)", HelpName = "tenant" };
        return Build.Leaf(cli, "reconcile", "Compare what Stripe or Lago holds with the ledger, line by line to the cent; exit 1 when anything does not match",
            [provider, period, tenants], async (ctx, parse, ct) =>
            {
                var body = new JsonObject { ["provider"] = parse.GetValue(provider) };
                TenantsCommands.Add(body, "period", parse.GetValue(period));
                if (parse.GetValue(tenants) is { Length: > 0 } t)
                {
                    body["tenants"] = new JsonArray([.. t.Select(x => (JsonNode)x)]);
                }

                var run = await ctx.PostAsync("v1/reconciliations", body, ct);
                var id = JsonFields.Text(run, "id");
                while (JsonFields.Text(run, "status") is "pending" or "running")
                {
                    await Task.Delay(PollEvery, ct);
                    run = await ctx.GetAsync($"v1/reconciliations/{Paths.Segment(id)}", ct);
                }

                if (JsonFields.Text(run, "status") == "failed")
                {
                    throw new CliFailure(ExitCodes.Failed, $"reconciliation {id} could not finish: {JsonFields.Text(run, "error")}");
                }

                var findings = await ctx.ListAsync($"v1/reconciliations/{Paths.Segment(id)}/findings", ct);
                var off = findings.Where(f => JsonFields.Text(f, "kind") != "matched").ToList();
                if (ctx.Json)
                {
                    Render.Json(ctx.Io.Out, new { reconciliation = run, findings = new { data = findings } });
                }
                else
                {
                    ctx.Print(run, c => Show(c, run, off));
                }

                return off.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
            });
    }

    private static void Show(IAnsiConsole c, JsonElement run, List<JsonElement> off)
    {
        Render.Fields(c, run, "id", "provider", "period", "status");
        if (run.TryGetProperty("counts", out var counts) && counts.ValueKind == JsonValueKind.Object)
        {
            foreach (var kind in counts.EnumerateObject())
            {
                c.MarkupLine($"  {Render.Styled(kind.Name)} {kind.Value}");
            }
        }

        if (off.Count > 0)
        {
            Render.Table(c, off, "tenant_id", "invoice_number", "line", "kind", "ledger_amount", "provider_amount", "currency", "provider_ref");
        }
        else
        {
            c.MarkupLine("[green]every line matches[/]");
        }
    }

    private static string InvoicePath(string tenant, string period) => $"v1/tenants/{Paths.Segment(tenant)}/invoices/{Paths.Segment(period)}";
}
