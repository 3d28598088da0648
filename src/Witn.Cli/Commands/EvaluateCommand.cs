using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Witn.Cli.Input;
using Witn.Cli.Output;

namespace Witn.Cli.Commands;

/// <summary>
/// <c>witn evaluate DEFINITION --events FILE.ndjson</c>: <c>POST /v1/outcomes/evaluate</c>, stores nothing; prints each
/// outcome's status and its explanation trees, held green and not held red. DEFINITION is a file (YAML or JSON) or the
/// name of a published definition. The events file is the one <c>witn events send</c> takes: <c>tenant_id</c> is dropped.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create(WitnCli cli)
    {
        var definition = Build.Arg("definition", "a definition file (.yaml, .yml, .json) or the name of a published definition");
        var events = Build.Text("--events", "the events, one JSON object per line", required: true, helpName: "file.ndjson");
        var now = Build.Text("--now", "the clock instant (default: the latest event's timestamp), e.g. 2026-11-06T00:00:00Z", helpName: "instant");
        return Build.Leaf(cli, "evaluate", "Evaluate a definition over events without storing anything: the explanation tree of each outcome", [definition, events, now], async (ctx, parse, ct) =>
        {
            var body = new JsonObject();
            var name = parse.GetValue(definition)!;
            if (File.Exists(name) || name.Contains('/', StringComparison.Ordinal) || Path.HasExtension(name))
            {
                var text = InputFile.Read(name);
                body[string.Equals(Path.GetExtension(name), ".json", StringComparison.OrdinalIgnoreCase) ? "definition" : "definition_yaml"] =
                    string.Equals(Path.GetExtension(name), ".json", StringComparison.OrdinalIgnoreCase) ? JsonNode.Parse(text) : JsonValue.Create(text);
            }
            else
            {
                body["name"] = name;
            }

            var list = new JsonArray();
            foreach (var line in Ndjson.ReadObjects(parse.GetValue(events)!))
            {
                var e = (JsonObject)line.Value.DeepClone();
                e.Remove("tenant_id");
                list.Add(e);
            }

            body["events"] = list;
            if (parse.GetValue(now) is { } at)
            {
                body["now"] = at;
            }

            var answer = await ctx.PostAsync("v1/outcomes/evaluate", body, ct);
            ctx.Print(answer, c => Show(c, answer));
            return 0;
        });
    }

    private static void Show(IAnsiConsole c, JsonElement answer)
    {
        var version = JsonFields.Text(answer, "version");
        c.MarkupLine($"[bold]{Markup.Escape(JsonFields.Text(answer, "name"))}[/] {(version.Length == 0 ? "(from the file)" : $"version {Markup.Escape(version)}")} at {Markup.Escape(JsonFields.Text(answer, "now"))}");
        var outcomes = JsonFields.Items(answer, "outcomes").ToList();
        if (outcomes.Count == 0)
        {
            c.MarkupLine("[grey]no outcome: no event was routed to this definition[/]");
        }

        foreach (var o in outcomes)
        {
            var state = JsonFields.Get(o, "state")!.Value;
            var tree = new Tree($"{Markup.Escape(JsonFields.Text(o, "correlation_value"))}: {Render.Styled(JsonFields.Text(state, "status"))}");
            foreach (var (label, path) in new[] { ("qualified at", "qualified_at"), ("settles at", "settles_at"), ("expires at", "expires_at"), ("value", "value") })
            {
                if (JsonFields.Text(state, path) is { Length: > 0 } v)
                {
                    tree.AddNode($"{label} {Markup.Escape(v)}");
                }
            }

            Render.Explanation(tree, JsonFields.Get(state, "explanation"));
            c.Write(tree);
        }

        var skipped = JsonFields.Items(answer, "events").Where(e => JsonFields.Text(e, "skipped").Length > 0).ToList();
        foreach (var e in skipped)
        {
            c.MarkupLine($"[grey]event {JsonFields.Long(e, "index")} ({Markup.Escape(JsonFields.Text(e, "type"))}) skipped: {Markup.Escape(JsonFields.Text(e, "skipped"))}[/]");
        }
    }
}
