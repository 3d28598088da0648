using System.CommandLine;
using System.Text.Json.Nodes;
using Witn.Cli.Output;

namespace Witn.Cli.Commands;

/// <summary><c>witn tenants put|list|show</c>: the customers being billed (<c>/v1/tenants</c>).</summary>
public static class TenantsCommands
{
    private static readonly Column[] Shown = ["id", "name", "timezone", "sandbox", "clock_now", "created_at"];

    public static Command Create(WitnCli cli)
    {
        var id = Build.Arg("tenant", "the tenant id ([a-z0-9][a-z0-9_-]{0,63})");
        var name = Build.Text("--name", "the tenant's name, as invoices show it");
        var timezone = Build.Text("--timezone", "an IANA zone, e.g. Europe/Berlin (default UTC)", helpName: "zone");
        var sandbox = new Option<bool>("--sandbox") { Description = "a sandbox tenant: runs on its own test clock (only at creation)" };
        var clockStart = Build.Text("--clock-start", "where a sandbox tenant's test clock starts, e.g. 2026-11-02T10:00:00Z", helpName: "instant");
        var put = Build.Leaf(cli, "put", "Create a tenant, or update the fields given (PUT /v1/tenants/{tenant})", [id, name, timezone, sandbox, clockStart], async (ctx, parse, ct) =>
        {
            var body = new JsonObject();
            Add(body, "name", parse.GetValue(name));
            Add(body, "timezone", parse.GetValue(timezone));
            if (parse.GetValue(sandbox))
            {
                body["sandbox"] = true;
            }

            Add(body, "clock_start", parse.GetValue(clockStart));
            var tenant = await ctx.Client().SendJsonAsync(HttpMethod.Put, $"v1/tenants/{Paths.Segment(parse.GetValue(id)!)}", body, ct);
            ctx.Print(tenant, c => Render.Fields(c, tenant, Shown));
            return 0;
        });
        var list = Build.Leaf(cli, "list", "The tenants this key may see", [], async (ctx, parse, ct) =>
        {
            ctx.PrintList(await ctx.ListAsync("v1/tenants", ct), Shown);
            return 0;
        });
        var showId = Build.Arg("tenant", "the tenant id");
        var show = Build.Leaf(cli, "show", "One tenant", [showId], async (ctx, parse, ct) =>
        {
            var tenant = await ctx.GetAsync($"v1/tenants/{Paths.Segment(parse.GetValue(showId)!)}", ct);
            ctx.Print(tenant, c => Render.Fields(c, tenant, [.. Shown, "backfill_limit", "auto_finalize", "finalize_grace", "dispute_approval_limit"]));
            return 0;
        });
        return Build.Group("tenants", "Tenants: the customers being billed", put, list, show);
    }

    /// <summary>Sets <paramref name="name"/> when a value was given: the API keeps fields left out.</summary>
    public static void Add(JsonObject body, string name, string? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }
}
