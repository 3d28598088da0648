using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Witn.Cli.Exit;
using Witn.Cli.Input;
using Witn.Cli.Output;

namespace Witn.Cli.Commands;

/// <summary><c>witn events send</c> (NDJSON in batches, with a summary by status) and <c>witn events tail</c> (follow a tenant's events).</summary>
public static class EventsCommands
{
    // The API takes at most 1,000 events and 1 MiB per request (docs/events.md); 500 leaves room for large properties.
    private const int DefaultBatch = 500;
    private const int ProblemsShown = 5;

    public static Command Create(WitnCli cli) => Build.Group("events", "Send events and follow them", Send(cli), Tail(cli));

    private static Command Send(WitnCli cli)
    {
        var file = Build.Arg("file", "the events, one JSON object per line (the envelope of docs/events.md)");
        var batch = new Option<int>("--batch-size") { Description = "events per request, 1 to 1000", DefaultValueFactory = _ => DefaultBatch };
        return Build.Leaf(cli, "send", "Send events from an NDJSON file in batches: a summary of accepted, duplicate, conflict and rejected with the first problems; exit 1 when any was rejected or conflicted", [file, batch], async (ctx, parse, ct) =>
        {
            var size = parse.GetValue(batch);
            if (size is < 1 or > 1000)
            {
                throw CliFailure.Usage($"--batch-size {size} is out of range: use 1 to 1000");
            }

            var lines = Ndjson.ReadObjects(parse.GetValue(file)!);
            var results = new List<(int Line, JsonElement Result)>();
            async Task SendAllAsync(Action<int> progressed)
            {
                foreach (var chunk in lines.Chunk(size))
                {
                    var body = new JsonObject { ["events"] = new JsonArray([.. chunk.Select(l => (JsonNode)l.Value.DeepClone())]) };
                    var answer = await ctx.PostAsync("v1/events", body, ct);
                    results.AddRange(JsonFields.Items(answer, "results").Select((r, i) => (chunk[i].Line, r.Clone())));
                    progressed(chunk.Length);
                }
            }

            if (ctx.Live)
            {
                await ctx.Out.Progress().AutoClear(false).StartAsync(async p =>
                {
                    var task = p.AddTask("sending events", maxValue: Math.Max(1, lines.Count));
                    await SendAllAsync(n => task.Increment(n));
                    task.Value = task.MaxValue;
                });
            }
            else
            {
                await SendAllAsync(_ => { });
            }

            var counts = new[] { "accepted", "duplicate", "conflict", "rejected" }.ToDictionary(s => s, s => results.Count(r => JsonFields.Text(r.Result, "status") == s));
            var problems = results.Where(r => JsonFields.Text(r.Result, "status") is "conflict" or "rejected").ToList();
            if (ctx.Json)
            {
                Render.Json(ctx.Io.Out, new { sent = results.Count, counts, results = results.Select(r => new { line = r.Line, result = r.Result }) });
            }
            else
            {
                ctx.Out.MarkupLine($"{results.Count} event(s): {string.Join(", ", counts.Select(c => $"{c.Value} {Render.Styled(c.Key)}"))}");
                foreach (var (line, r) in problems.Take(ProblemsShown))
                {
                    ctx.Out.WriteLine($"  line {line}: {JsonFields.Text(r, "status")} {JsonFields.Text(r, "code")} {JsonFields.Text(r, "field")}: {JsonFields.Text(r, "reason")}");
                }

                if (problems.Count > ProblemsShown)
                {
                    ctx.Out.WriteLine($"  … and {problems.Count - ProblemsShown} more (--json lists every result)");
                }
            }

            return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
    }

    private static Command Tail(WitnCli cli)
    {
        var tenant = Build.Tenant();
        var interval = new Option<TimeSpan>("--interval") { Description = "how often to look for new events", DefaultValueFactory = _ => TimeSpan.FromSeconds(1), HelpName = "hh:mm:ss" };
        var count = new Option<int?>("--count") { Description = "stop after this many events" };
        var all = new Option<bool>("--all") { Description = "print the events already there first" };
        return Build.Leaf(cli, "tail", "Follow the tenant's events as they reach its outcomes; Ctrl-C stops", [tenant, interval, count, all], async (ctx, parse, ct) =>
        {
            var root = $"v1/tenants/{Paths.Segment(parse.GetValue(tenant)!)}/outcomes";
            var limit = parse.GetValue(count);
            var printed = 0;
            // Per outcome, the updated_at last seen and the events already printed. Without --all, an outcome that is
            // there at the start prints only events received after the updated_at it had then (the server's clock).
            var known = new Dictionary<string, (string UpdatedAt, string Baseline)>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var first = true;
            while (!ct.IsCancellationRequested)
            {
                var fresh = new List<(string Outcome, JsonElement Event)>();
                foreach (var o in await ctx.ListAsync(root, ct))
                {
                    var key = $"{JsonFields.Text(o, "definition")}/{JsonFields.Text(o, "correlation")}";
                    var updated = JsonFields.Text(o, "updated_at");
                    if (known.TryGetValue(key, out var k) && k.UpdatedAt == updated)
                    {
                        continue;
                    }

                    var baseline = k.Baseline ?? (first && !parse.GetValue(all) ? updated : "");
                    known[key] = (updated, baseline);
                    if (first && !parse.GetValue(all))
                    {
                        continue;
                    }

                    var detail = await ctx.GetAsync($"{root}/{Paths.Segment(JsonFields.Text(o, "definition"))}/{Paths.Segment(JsonFields.Text(o, "correlation"))}", ct);
                    foreach (var e in JsonFields.Items(detail, "events"))
                    {
                        if (Instants.After(JsonFields.Text(e, "received_at"), baseline) && seen.Add(JsonFields.Text(e, "id")))
                        {
                            fresh.Add((key, e));
                        }
                    }
                }

                foreach (var (outcome, e) in fresh.OrderBy(f => Instants.Sortable(JsonFields.Text(f.Event, "received_at")), StringComparer.Ordinal).ThenBy(f => JsonFields.Text(f.Event, "id"), StringComparer.Ordinal))
                {
                    if (ctx.Json)
                    {
                        Render.JsonLine(ctx.Io.Out, new { outcome, @event = e });
                    }
                    else
                    {
                        ctx.Io.Out.WriteLine($"{JsonFields.Text(e, "timestamp")}  {JsonFields.Text(e, "type")}  {outcome}  {JsonFields.Text(e, "id")}");
                    }

                    await ctx.Io.Out.FlushAsync(ct);
                    if (++printed == limit)
                    {
                        return ExitCodes.Ok;
                    }
                }

                if (first)
                {
                    // On stderr, so that stdout stays the events alone: from here on every new event is printed.
                    await ctx.Io.Error.WriteLineAsync($"witn: following the events of tenant '{parse.GetValue(tenant)}' (Ctrl-C stops)");
                    await ctx.Io.Error.FlushAsync(ct);
                }

                first = false;
                try
                {
                    await Task.Delay(parse.GetValue(interval), ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            return ExitCodes.Ok;
        });
    }
}
