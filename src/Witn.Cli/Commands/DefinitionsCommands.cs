using System.CommandLine;
using Spectre.Console;
using Witn.Cli.Output;

namespace Witn.Cli.Commands;

/// <summary><c>witn definitions list|show</c>: the outcome definition catalog (<c>/v1/outcomes</c>).</summary>
public static class DefinitionsCommands
{
    public static Command Create(WitnCli cli)
    {
        var list = Build.Leaf(cli, "list", "The outcome definitions, by name", [], async (ctx, parse, ct) =>
        {
            ctx.PrintList(await ctx.ListAsync("v1/outcomes", ct), "name", "status", "latest_version", "listened_types", "published_at");
            return 0;
        });
        var name = Build.Arg("name", "the definition name");
        var version = new Option<int?>("--version") { Description = "one version (default: the latest)" };
        var show = Build.Leaf(cli, "show", "One definition: status, version and its source", [name, version], async (ctx, parse, ct) =>
        {
            var path = $"v1/outcomes/{Paths.Segment(parse.GetValue(name)!)}";
            var answer = await ctx.GetAsync(parse.GetValue(version) is { } v ? $"{path}/versions/{Paths.Number(v)}" : path, ct);
            ctx.Print(answer, c =>
            {
                var latest = JsonFields.Get(answer, "latest") ?? answer;
                Render.Fields(c, answer, "name", "status", "latest_version");
                Render.Fields(c, latest, "version", "content_hash", "published_at", "listened_types");
                c.WriteLine();
                c.Write(new Text(JsonFields.Text(latest, "source")));
                c.WriteLine();
            });
            return 0;
        });
        return Build.Group("definitions", "The outcome definition catalog (publish with 'witn apply')", list, show);
    }
}
