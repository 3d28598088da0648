using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Witn.Cli.Output;

namespace Witn.Cli.Commands;

/// <summary><c>witn keys create|list|revoke</c> (admin).</summary>
public static class KeysCommands
{
    private static readonly Column[] Shown = ["id", "name", "scopes", "tenant_id", "created_at", "revoked_at", "expires_at", "last_used_at"];

    public static Command Create(WitnCli cli)
    {
        var name = Build.Text("--name", "who the key is for", required: true);
        var scopes = new Option<string[]>("--scope") { Description = "admin, ingest, read, disputes or metrics (repeat for several)", Required = true, AllowMultipleArgumentsPerToken = true };
        var tenant = Build.Tenant(required: false);
        var expires = Build.Text("--expires-at", "when the key stops working, e.g. 2027-03-01T00:00:00Z", helpName: "instant");
        var create = Build.Leaf(cli, "create", "Create a key: its secret is printed once, here", [name, scopes, tenant, expires], async (ctx, parse, ct) =>
        {
            var body = new JsonObject { ["name"] = parse.GetValue(name), ["scopes"] = new JsonArray([.. parse.GetValue(scopes)!.Select(s => (JsonNode)s)]) };
            TenantsCommands.Add(body, "tenant_id", parse.GetValue(tenant));
            TenantsCommands.Add(body, "expires_at", parse.GetValue(expires));
            var key = await ctx.PostAsync("v1/keys", body, ct);
            ctx.Print(key, c =>
            {
                Render.Fields(c, key, Shown);
                c.MarkupLine($"[bold]key[/] {Markup.Escape(JsonFields.Text(key, "key"))}");
                c.MarkupLine("[grey]the secret is shown only now: store it[/]");
            }, quietField: "key");
            return 0;
        });
        var list = Build.Leaf(cli, "list", "Every key (never a secret), revoked ones included", [], async (ctx, parse, ct) =>
        {
            ctx.PrintList(await ctx.ListAsync("v1/keys", ct), Shown);
            return 0;
        });
        var id = Build.Arg("id", "the key id (from 'witn keys list')");
        var revoke = Build.Leaf(cli, "revoke", "Revoke a key on every silo at once", [id], async (ctx, parse, ct) =>
        {
            var key = await ctx.Client().SendJsonAsync(HttpMethod.Delete, $"v1/keys/{Paths.Segment(parse.GetValue(id)!)}", null, ct);
            ctx.Print(key, c => Render.Fields(c, key, Shown));
            return 0;
        });
        return Build.Group("keys", "API keys", create, list, revoke);
    }
}
