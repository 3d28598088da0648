using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Definitions;

public sealed class ExampleDefinitionTests
{
    public static TheoryData<string> RepoExamples() =>
        [.. Directory.GetFiles(Witn.Testing.ExampleFiles.RepoFolder("outcomes"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> AllExamples() => [.. Witn.Testing.ExampleFiles.All("outcomes")];

    [Theory]
    [MemberData(nameof(RepoExamples))]
    public void every_example_definition_in_the_repo_loads(string file)
    {
        var result = OutcomeDefinition.Parse(File.ReadAllText(Path.Combine(Witn.Testing.ExampleFiles.RepoFolder("outcomes"), file)), DefinitionFormat.Yaml);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), result.Definition.Name);
    }

    [Theory]
    [MemberData(nameof(AllExamples))]
    public void every_example_definition_loads_unchanged_including_the_shared_ones(string path)
    {
        var result = OutcomeDefinition.Parse(File.ReadAllText(path), DefinitionFormat.Yaml);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Theory]
    [MemberData(nameof(RepoExamples))]
    public void canonical_json_parses_back_to_the_same_definition_and_hash(string file)
    {
        var definition = Examples.Parse(File.ReadAllText(Path.Combine(Witn.Testing.ExampleFiles.RepoFolder("outcomes"), file)));

        var again = OutcomeDefinition.Parse(definition.ToCanonicalJson(), DefinitionFormat.Json);

        Assert.True(again.IsValid, string.Join(Environment.NewLine, again.Errors));
        Assert.Equal(definition, again.Definition);
        Assert.Equal(definition.ToCanonicalJson(), again.Definition.ToCanonicalJson());
        Assert.Equal(definition.ContentHash(), again.Definition.ContentHash());
    }

    [Fact]
    public void ticket_resolved_reads_every_field()
    {
        var d = Examples.Load("ticket_resolved");

        Assert.Equal("ticket_id", d.CorrelateBy.Text);
        Assert.Equal(TimeSpan.FromHours(72), d.Settlement.Window);
        Assert.Equal(TimeSpan.FromMinutes(10), d.Settlement.Grace);
        Assert.False(d.Settlement.ResetOnEvent);
        Assert.Equal(TimeSpan.FromDays(30), d.ExpireAfter);
        Assert.Equal(Attribution.Last, d.Attribution);
        var all = Assert.IsType<AllCondition>(d.Qualify);
        var closed = Assert.IsType<SeenCondition>(all.Conditions[0]);
        Assert.Equal(new PropertyPredicate(new PropertyPath("resolution"), PredicateOperator.Eq, Literal.Of("solved")), Assert.Single(closed.Where));
        Assert.IsType<NotCondition>(all.Conditions[1]);
        var reopened = Assert.IsType<SeenCondition>(Assert.IsType<AnyCondition>(d.ReverseOn).Conditions[0]);
        Assert.Equal("ticket.closed", reopened.After);
    }

    [Fact]
    public void listened_types_cover_every_tree_and_anchor()
    {
        Assert.Equal(["human.handoff", "ticket.closed", "ticket.reopened"], Examples.Load("ticket_resolved").ListenedTypes);
        Assert.Equal(
            ["agent.action", "case.approved", "case.closed", "case.escalated", "case.opened", "record.enriched"],
            Examples.Load("procurement_case_closed").ListenedTypes);
    }

    [Fact]
    public void canonical_json_of_ticket_resolved_is_stable()
    {
        Assert.Equal(
            """{"name":"ticket_resolved","description":"Support ticket solved by the agent and not reopened for 72 hours","correlate_by":"ticket_id","qualify":{"all":[{"seen":"ticket.closed","where":{"resolution":{"eq":"solved"}}},{"not":{"seen":"human.handoff"}}]},"reverse_on":{"any":[{"seen":"ticket.reopened","after":"ticket.closed"}]},"settlement":{"window":"3d","grace":"10m","reset_on_event":false},"expire_after":"30d","attribution":"last","dimensions":[]}""",
            Examples.Load("ticket_resolved").ToCanonicalJson());
    }

    [Fact]
    public void comments_whitespace_key_order_and_equivalent_spellings_keep_the_content_hash()
    {
        var original = Examples.Load("meeting_booked");
        var respelled = Examples.Parse("""
            # same definition, different text
            name: meeting_booked
            correlate_by:   meeting_id
            description: "Qualified meeting booked by the SDR agent and held"
            settlement: { window: 2d }
            qualify:
              all:
                - { seen: meeting.booked, where: { lead.score: { gte: 60.0 } } }
                - seen: calendar.invite.accepted
                  after: meeting.booked
            reverse_on: { any: [ { seen: meeting.cancelled }, { seen: meeting.no_show } ] }
            dimensions: [ lead.segment ]
            expire_after: 336h
            attribution: last
            """);

        Assert.Equal(original.ContentHash(), respelled.ContentHash());
        Assert.StartsWith("sha256:", original.ContentHash(), StringComparison.Ordinal);
    }

    [Fact]
    public void a_changed_description_is_new_content()
    {
        var original = Examples.Load("ticket_resolved");
        var changed = Examples.Parse(Examples.Text("ticket_resolved").Replace("72 hours", "three days", StringComparison.Ordinal));

        Assert.NotEqual(original.ContentHash(), changed.ContentHash());
    }

    [Fact]
    public void json_and_yaml_spellings_give_the_same_definition()
    {
        var yaml = Examples.Load("password_reset_completed");
        var json = OutcomeDefinition.Parse("""
            {
              "name": "password_reset_completed",
              "description": "Password reset completed by the IT agent without human help",
              "correlate_by": "request_id",
              "qualify": { "all": [
                { "sequence": ["reset.requested", "identity.verified", "reset.completed"], "within": "15m" },
                { "not": { "seen": "human.intervention" } }
              ] },
              "settlement": { "window": "1h" },
              "expire_after": "1d"
            }
            """, DefinitionFormat.Json);

        Assert.True(json.IsValid, string.Join(Environment.NewLine, json.Errors));
        Assert.Equal(yaml, json.Definition);
        Assert.Equal(yaml.ContentHash(), json.Definition.ContentHash());
    }

    [Fact]
    public void compiled_definition_routes_by_correlation_value()
    {
        var compiled = Examples.Compiled("ticket_resolved");

        Assert.Equal("T-1", compiled.CorrelationOf(Ev.Make("a", "ticket.closed", Ev.T0, new { ticket_id = "T-1" })));
        Assert.Equal("42", compiled.CorrelationOf(Ev.Make("b", "ticket.closed", Ev.T0, new { ticket_id = 42 })));
        Assert.Null(compiled.CorrelationOf(Ev.Make("c", "ticket.closed", Ev.T0, new { other = "T-1" })));
        Assert.Null(compiled.CorrelationOf(Ev.Make("d", "ticket.closed", Ev.T0, new { ticket_id = (string?)null })));
        Assert.Null(compiled.CorrelationOf(Ev.Make("e", "ticket.created", Ev.T0, new { ticket_id = "T-1" })));
        Assert.Equal("T-1", Correlation.Of(Examples.Load("ticket_resolved"), Ev.Make("a", "human.handoff", Ev.T0, new { ticket_id = "T-1" })));
    }
}
