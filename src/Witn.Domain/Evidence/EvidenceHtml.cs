using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Witn.Domain.Evaluation;

namespace Witn.Domain.Evidence;

/// <summary>
/// The evidence bundle as one self-contained, printable HTML5 page: inline CSS, no scripts, no external resources,
/// every value HTML-encoded (event properties come from agents and are untrusted). Deterministic like the JSON.
/// </summary>
public static class EvidenceHtml
{
    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:2rem auto;max-width:60rem;padding:0 1rem}
        h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.05rem;margin:1.75rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
        .summary{font-size:1.05rem;background:#f6f8fa;border-left:4px solid #2f6feb;padding:.6rem .9rem;margin:.75rem 0}
        .credit{border-left-color:#cf222e}
        table{border-collapse:collapse;width:100%;margin:.25rem 0}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #eaeef2}
        th{font-weight:600;white-space:nowrap}table.facts th{width:12rem}
        code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Consolas,monospace;font-size:12px}
        pre{background:#f6f8fa;padding:.6rem;overflow-x:auto;white-space:pre-wrap;word-break:break-word;margin:0}
        .held{color:#1a7f37;font-weight:600}.not-held{color:#cf222e;font-weight:600}
        ul.tree{list-style:none;padding-left:1.1rem;margin:.2rem 0}ul.tree li{margin:.15rem 0}
        .status{display:inline-block;padding:.05rem .45rem;border-radius:.6rem;background:#ddf4ff;font-weight:600}
        .muted{color:#57606a}
        @media print{body{margin:0;max-width:none}.summary{background:none}pre{background:none;border:1px solid #d0d7de}h2{break-after:avoid}tr{break-inside:avoid}}
        """;

    /// <param name="charge">The amount charged or credited, when the page is shown for a ledger row.</param>
    public static string Render(EvidenceBundle bundle, EvidenceCharge? charge = null)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Evidence: ").Append(E(bundle.Outcome)).Append(" for ").Append(E(bundle.Correlation)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<main>\n");

        h.Append("<h1>").Append(E(bundle.Outcome)).Append(" <span class=\"muted\">for</span> ").Append(E(bundle.Correlation))
            .Append(" <span class=\"status\">").Append(E(OutcomeStatuses.ToName(bundle.Status))).Append("</span></h1>\n");
        h.Append("<p class=\"summary\">").Append(E(bundle.Summary)).Append("</p>\n");
        if (bundle.CreditSummary is { } credit)
        {
            h.Append("<p class=\"summary credit\">").Append(E(credit)).Append("</p>\n");
        }

        Facts(h, bundle, charge);
        Timeline(h, bundle);
        Events(h, bundle);
        h.Append("<h2>Conditions</h2>\n");
        Tree(h, "qualify", bundle.Explanation.Qualify);
        Tree(h, "review_when", bundle.Explanation.ReviewWhen);
        Tree(h, "reverse_on", bundle.Explanation.ReverseOn);
        h.Append("<h2>Definition <span class=\"muted\">version ").Append(bundle.DefinitionVersion.ToString(CultureInfo.InvariantCulture))
            .Append(", ").Append(E(bundle.DefinitionHash)).Append("</span></h2>\n<pre>").Append(E(bundle.DefinitionSource)).Append("</pre>\n");
        h.Append("</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void Facts(StringBuilder h, EvidenceBundle b, EvidenceCharge? charge)
    {
        h.Append("<h2>Outcome</h2>\n<table class=\"facts\">\n");
        if (charge is not null)
        {
            Row(h, "Amount", charge.Amount.ToString(CultureInfo.InvariantCulture) + " " + charge.Currency); // as charged, scale kept (4.50)
            if (charge.Reference is { } reference)
            {
                Row(h, "Reference", reference);
            }
        }

        Row(h, "Tenant", b.TenantId);
        Row(h, "Outcome", b.Outcome);
        Row(h, "Correlation", b.Correlation);
        Row(h, "Status", OutcomeStatuses.ToName(b.Status));
        Row(h, "Definition version", b.DefinitionVersion.ToString(CultureInfo.InvariantCulture));
        Row(h, "Contract version", b.ContractVersion?.ToString(CultureInfo.InvariantCulture));
        Row(h, "First event", Instant(b.FirstEventAt));
        Row(h, "Qualified at", Instant(b.QualifiedAt));
        Row(h, "Window closes (settles_at)", Instant(b.SettlesAt));
        Row(h, "Settled at", Instant(b.SettledAt));
        Row(h, "Expires at", Instant(b.ExpiresAt));
        Row(h, "Value", b.Value is { } v ? EvidenceText.Number(v) : null);
        Row(h, "Attributed agent", b.AttributedAgent is { } a ? EvidenceText.Agent(a) : null);
        foreach (var d in b.Dimensions)
        {
            Row(h, "Dimension " + d.Path, d.Value ?? "(missing)");
        }

        if (b.Review is { } r)
        {
            Row(h, "Review", $"{EvidenceText.Verdict(r.Verdict)} at {EvidenceText.Iso(r.DecidedAt)}"
                + (r.DecidedBy is { } by ? " by " + by : string.Empty) + (r.Note is { } note ? " — " + note : string.Empty));
        }

        h.Append("</table>\n");
    }

    private static void Timeline(StringBuilder h, EvidenceBundle b)
    {
        h.Append("<h2>Lifecycle</h2>\n<table>\n<thead><tr><th>State</th><th>At (UTC)</th><th>Why</th><th>Event</th><th>By</th></tr></thead>\n<tbody>\n");
        foreach (var t in b.Transitions)
        {
            h.Append("<tr><td>").Append(E(t.State)).Append("</td><td class=\"mono\">").Append(E(EvidenceText.Iso(t.At)))
                .Append("</td><td>").Append(E(t.Reason)).Append("</td><td class=\"mono\">").Append(E(t.EventId?.ToString("D")))
                .Append("</td><td>").Append(E(t.By)).Append("</td></tr>\n");
        }

        h.Append("</tbody>\n</table>\n");
    }

    private static void Events(StringBuilder h, EvidenceBundle b)
    {
        h.Append("<h2>Events <span class=\"muted\">(").Append(b.Events.Count.ToString(CultureInfo.InvariantCulture)).Append(", in event order)</span></h2>\n")
            .Append("<table>\n<thead><tr><th>Time (UTC)</th><th>Type</th><th>Agent</th><th>Event id / trace</th><th>Properties</th></tr></thead>\n<tbody>\n");
        foreach (var e in b.Events)
        {
            h.Append("<tr><td class=\"mono\">").Append(E(EvidenceText.Iso(e.Timestamp)));
            if (e.ReceivedAt is { } received)
            {
                h.Append("<br><span class=\"muted\">received ").Append(E(EvidenceText.Iso(received))).Append("</span>");
            }

            h.Append("</td><td>").Append(E(e.Type)).Append("</td><td>").Append(E(e.Agent is { } a ? EvidenceText.Agent(a) : null))
                .Append("</td><td class=\"mono\">").Append(E(e.EventId.ToString("D")));
            if (e.TraceId is not null)
            {
                h.Append("<br>trace ").Append(E(e.TraceId));
            }

            if (e.SpanId is not null)
            {
                h.Append("<br>span ").Append(E(e.SpanId));
            }

            h.Append("</td><td><pre>").Append(E(Indented(e.PropertiesJson))).Append("</pre></td></tr>\n");
        }

        h.Append("</tbody>\n</table>\n");
    }

    private static void Tree(StringBuilder h, string name, ExplanationNode? node)
    {
        if (node is null)
        {
            return;
        }

        h.Append("<h3 class=\"mono\">").Append(E(name)).Append("</h3>\n<ul class=\"tree\">\n");
        Node(h, node);
        h.Append("</ul>\n");
    }

    private static void Node(StringBuilder h, ExplanationNode node)
    {
        h.Append("<li>").Append(node.Held ? "<span class=\"held\">✓ held</span> " : "<span class=\"not-held\">✗ not held</span> ")
            .Append(E(node.Summary)).Append(" <span class=\"muted mono\">").Append(E(node.Path)).Append("</span>");
        if (node.Measured is { } m)
        {
            h.Append(" <span class=\"muted\">measured ").Append(E(EvidenceText.Number(m))).Append("</span>");
        }

        if (!node.EventIds.IsEmpty)
        {
            h.Append("<br><span class=\"muted\">events</span> <span class=\"mono\">")
                .Append(E(string.Join(", ", node.EventIds.Select(id => id.ToString("D"))))).Append("</span>");
        }

        if (!node.Children.IsEmpty)
        {
            h.Append("\n<ul class=\"tree\">\n");
            foreach (var child in node.Children)
            {
                Node(h, child);
            }

            h.Append("</ul>\n");
        }

        h.Append("</li>\n");
    }

    private static void Row(StringBuilder h, string name, string? value) =>
        h.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(value is null ? "<span class=\"muted\">—</span>" : E(value)).Append("</td></tr>\n");

    private static string? Instant(DateTimeOffset? at) => at is { } a ? EvidenceText.Iso(a) : null;

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Readable properties; the raw text is still encoded afterwards, so relaxed JSON escaping is safe here.</summary>
    private static string Indented(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, Pretty);
    }

    private static string E(string? text) => text is null ? string.Empty : WebUtility.HtmlEncode(text);
}
