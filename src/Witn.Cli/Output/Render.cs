using System.Text.Json;
using Spectre.Console;

namespace Witn.Cli.Output;

/// <summary>The few shapes every command prints: tables of items, key/value pages, condition trees, coloured statuses.</summary>
public static class Render
{
    // Relaxed escaping: "+00:00" stays readable; the output is a terminal or a pipe, never HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The API's JSON as it came (indented): what <c>--json</c> prints, for scripts.</summary>
    public static void Json(TextWriter output, JsonElement value) => output.WriteLine(JsonSerializer.Serialize(value, Indented));

    public static void Json<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>One compact JSON object per line (NDJSON), for output that streams.</summary>
    public static void JsonLine<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Compact));

    public static void Table(IAnsiConsole console, IEnumerable<JsonElement> items, params Column[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var c in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(c.Header)));
        }

        var count = 0;
        foreach (var item in items)
        {
            table.AddRow([.. columns.Select(c => Cell(c.Header, c.Cell(item)))]);
            count++;
        }

        if (count == 0)
        {
            console.MarkupLine("[grey](none)[/]");
            return;
        }

        console.Write(table);
    }

    /// <summary>Named values of one item, one per line (a charge, a tenant, a dispute).</summary>
    public static void Fields(IAnsiConsole console, JsonElement item, params Column[] fields)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var f in fields)
        {
            var value = f.Cell(item);
            if (value.Length > 0)
            {
                grid.AddRow(new Markup($"[bold]{Markup.Escape(f.Header)}[/]"), Cell(f.Header, value));
            }
        }

        console.Write(grid);
    }

    public static void Heading(IAnsiConsole console, string text) => console.Write(new Rule($"[bold]{Markup.Escape(text)}[/]").LeftJustified());

    /// <summary>A status word coloured by what it means for the money: held and settled green, voided and rejected red.</summary>
    public static Markup Status(string status) => new(Styled(status));

    public static string Styled(string status)
    {
        var colour = status.StartsWith("new", StringComparison.Ordinal) ? "yellow" : status switch
        {
            "settled" or "ok" or "ready" or "accepted" or "active" or "done" or "final" or "credited" or "delivered" or "held" or "unchanged" or "holds" or "exported" or "matched" => "green",
            "qualified" or "in_review" or "open" or "under_review" or "running" or "queued" or "draft" or "shadow" or "pending" or "duplicate" => "yellow",
            "voided" or "rejected" or "reversed" or "expired" or "failed" or "not ready" or "dead" or "conflict" or "retired" or "not held" or "overdue" or "broken" or "missing_at_provider" or "amount_mismatch" or "unknown_at_provider" => "red",
            _ => "default",
        };
        return $"[{colour}]{Markup.Escape(status)}[/]";
    }

    /// <summary>
    /// The explanation of an outcome (<c>{qualify, review_when, reverse_on}</c>, each a condition tree or null) under
    /// <paramref name="parent"/>; nothing when <paramref name="explanation"/> is absent.
    /// </summary>
    public static void Explanation(IHasTreeNodes parent, JsonElement? explanation)
    {
        if (explanation is not { ValueKind: JsonValueKind.Object } e)
        {
            return;
        }

        foreach (var part in e.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
        {
            Condition(parent, part.Value);
        }
    }

    /// <summary>An evaluated condition tree (<c>{path, kind, held, summary, measured, children}</c>), held green and not held red.</summary>
    public static void Condition(IHasTreeNodes parent, JsonElement node)
    {
        var held = JsonFields.Bool(node, "held");
        var label = $"{Styled(held ? "held" : "not held")} [bold]{Markup.Escape(JsonFields.Text(node, "path"))}[/] [grey]{Markup.Escape(JsonFields.Text(node, "kind"))}[/]";
        if (JsonFields.Text(node, "measured") is { Length: > 0 } measured)
        {
            label += $" measured {Markup.Escape(measured)}";
        }

        if (JsonFields.Text(node, "summary") is { Length: > 0 } summary)
        {
            label += $": {Markup.Escape(summary)}";
        }

        var child = parent.AddNode(label);
        foreach (var c in JsonFields.Items(node, "children"))
        {
            Condition(child, c);
        }
    }

    private static Markup Cell(string header, string value) =>
        header is "status" or "state" ? Status(value) : new Markup(Markup.Escape(value));
}
