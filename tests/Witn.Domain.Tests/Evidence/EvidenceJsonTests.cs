using System.Text.Json;
using System.Text.Json.Nodes;
using Witn.Domain.Evidence;
using Witn.Domain.Tests.Support;
using static Witn.Domain.Tests.Evidence.EvidenceCases;

namespace Witn.Domain.Tests.Evidence;

public sealed class EvidenceJsonTests
{
    [Fact]
    public void the_json_uses_snake_case_utc_instants_string_decimals_and_embedded_properties()
    {
        var json = EvidenceJson.Write(TicketBundle(TicketEvents(), TicketCommitsAt));
        var root = JsonNode.Parse(json)!;

        Assert.Equal(1, root["evidence_format"]!.GetValue<int>());
        Assert.Equal("2026-11-02T09:30:00Z", root["qualified_at"]!.GetValue<string>());
        Assert.Equal("2026-11-05T09:30:00Z", root["settles_at"]!.GetValue<string>());
        Assert.Equal("settled", root["status"]!.GetValue<string>());
        Assert.Null(root["value"]);
        var e = root["events"]![0]!;
        Assert.Equal(JsonValueKind.Object, e["properties"]!.GetValueKind());
        Assert.Equal("solved", e["properties"]!["resolution"]!.GetValue<string>());
        Assert.Equal("2026-11-02T09:30:01Z", e["received_at"]!.GetValue<string>());
        Assert.Equal("support-bot", e["agent"]!["id"]!.GetValue<string>());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", e["trace_id"]!.GetValue<string>());
        var not = root["explanation"]!["qualify"]!["children"]![1]!;
        Assert.Equal("not", not["kind"]!.GetValue<string>());
        Assert.Equal("qualify.all[1].not", not["children"]![0]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void decimals_are_written_as_strings_and_read_back_exactly()
    {
        var at = Ev.Time("2026-11-02T09:00:00Z");
        var events = new[]
        {
            Ev.Make("l1", "deal.line_item", at, new { deal_id = "D-7", amount = 10000.10m }),
            Ev.Make("won", "deal.closed_won", at.AddMinutes(5), new { deal_id = "D-7" }),
        };
        var bundle = Build(Examples.Compiled("deal_closed_large"), "name: deal_closed_large", events, at.AddDays(31));

        var json = EvidenceJson.Write(bundle);

        Assert.Equal("10000.1", JsonNode.Parse(json)!["value"]!.GetValue<string>());
        Assert.Equal(bundle, EvidenceJson.Read(json));
    }

    [Fact]
    public void stored_json_reads_back_whatever_its_member_order_and_spacing()
    {
        var bundle = TicketBundle(TicketEvents(), TicketCommitsAt);
        var node = JsonNode.Parse(EvidenceJson.Write(bundle))!.AsObject();
        // jsonb gives members back in its own order with spaces; emulate both.
        var reordered = new JsonObject(node.OrderByDescending(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

        var back = EvidenceJson.Read(reordered.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        Assert.Equal(bundle, back);
        Assert.Equal(EvidenceJson.Write(bundle), EvidenceJson.Write(back));
    }

    [Fact]
    public void json_that_is_not_evidence_is_refused()
    {
        Assert.Throws<FormatException>(() => EvidenceJson.Read("not json"));
        Assert.Throws<FormatException>(() => EvidenceJson.Read("{}"));
        Assert.Throws<FormatException>(() => EvidenceJson.Read("""{"evidence_format": 99}"""));
    }
}
