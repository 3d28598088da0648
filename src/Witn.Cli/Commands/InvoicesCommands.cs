using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Witn.Cli.Output;

namespace Witn.Cli.Commands;

/// <summary><c>witn invoices list|show|finalize</c>; <c>show --expand</c> lists each outcome line's charges.</summary>
public static class InvoicesCommands
{
    public static Command Create(WitnCli cli)
    {
        var tenant = Build.Tenant();
        var list = Build.Leaf(cli, "list", "The tenant's invoices, newest period first", [tenant], async (ctx, parse, ct) =>
        {
            ctx.PrintList(await ctx.ListAsync($"v1/tenants/{Paths.Segment(parse.GetValue(tenant)!)}/invoices", ct), "period_start", Column.Field("ends", "end"), "status", "number", "total", "currency");
            return 0;
        });
        var showTenant = Build.Tenant();
        var period = Build.Arg("period", "the period's start date, e.g. 2026-11-01");
        var expand = new Option<bool>("--expand") { Description = "list the outcomes (charges and credits) behind each line" };
        var show = Build.Leaf(cli, "show", "One invoice: its lines and total (a draft while the period is open)", [showTenant, period, expand], async (ctx, parse, ct) =>
        {
            var path = $"v1/tenants/{Paths.Segment(parse.GetValue(showTenant)!)}/invoices/{Paths.Segment(parse.GetValue(period)!)}";
            var invoice = await ctx.GetAsync(path, ct);
            var items = new Dictionary<int, List<JsonElement>>();
            if (parse.GetValue(expand))
            {
                // Lines are numbered from 0, as the API's lines/{line}/items counts them.
                var n = -1;
                foreach (var line in JsonFields.Items(invoice, "lines"))
                {
                    n++;
                    if (JsonFields.Get(line, "charges.href") is not null)
                    {
                        items[n] = await ctx.ListAsync($"{path}/lines/{Paths.Number(n)}/items", ct);
                    }
                }
            }

            if (ctx.Json && items.Count > 0)
            {
                Render.Json(ctx.Io.Out, new { invoice, line_items = items.ToDictionary(i => i.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), i => i.Value) });
            }
            else
            {
                ctx.Print(invoice, c => Show(c, invoice, items));
            }

            return 0;
        });
        var finalizeTenant = Build.Tenant();
        var finalizePeriod = Build.Arg("period", "the period's start date, e.g. 2026-11-01");
        var finalize = Build.Leaf(cli, "finalize", "Finalize an ended period's invoice: it gets a number and never changes again", [finalizeTenant, finalizePeriod], async (ctx, parse, ct) =>
        {
            var invoice = await ctx.PostAsync($"v1/tenants/{Paths.Segment(parse.GetValue(finalizeTenant)!)}/invoices/{Paths.Segment(parse.GetValue(finalizePeriod)!)}/finalize", null, ct);
            ctx.Print(invoice, c => Show(c, invoice, []));
            return 0;
        });
        return Build.Group("invoices", "Invoices: live drafts and final invoices", list, show, finalize);
    }

    private static void Show(IAnsiConsole c, JsonElement invoice, Dictionary<int, List<JsonElement>> items)
    {
        Render.Fields(c, invoice, "tenant_id", "period_start", Column.Field("period end", "period.end"), Column.Field("timezone", "period.timezone"), "status", "number", "currency", "contract_version", "total");
        var table = new Table().Border(TableBorder.Simple).AddColumns("#", "line", "quantity", "unit price", "amount");
        table.Columns[2].RightAligned();
        table.Columns[4].RightAligned();
        var n = -1;
        foreach (var line in JsonFields.Items(invoice, "lines"))
        {
            n++;
            var what = JsonFields.Text(line, "outcome") is { Length: > 0 } outcome ? outcome : JsonFields.Text(line, "description");
            table.AddRow(Paths.Number(n), Markup.Escape($"{JsonFields.Text(line, "kind")}: {what}"), JsonFields.Text(line, "quantity"), JsonFields.Text(line, "unit_price"), JsonFields.Text(line, "amount"));
            foreach (var item in items.GetValueOrDefault(n) ?? [])
            {
                table.AddRow("", Markup.Escape($"  └ {JsonFields.Text(item, "correlation")} {JsonFields.Text(item, "summary")}"), "", "", JsonFields.Text(item, "amount"));
            }
        }

        c.Write(table);
        c.MarkupLine($"[bold]total {Markup.Escape(JsonFields.Text(invoice, "total"))} {Markup.Escape(JsonFields.Text(invoice, "currency"))}[/]");
    }
}
