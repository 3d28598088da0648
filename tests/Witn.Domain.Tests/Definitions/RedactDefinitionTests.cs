using Witn.Domain.Definitions;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Definitions;

/// <summary>The redact: list of a definition: parsed from YAML and JSON, kept in the canonical form, validated like condition paths.</summary>
public sealed class RedactDefinitionTests
{
    private const string Base = """
        name: ticket_resolved
        correlate_by: ticket_id
        qualify:
          seen: ticket.closed
        settlement:
          window: 72h

        """;

    [Fact]
    public void yaml_and_json_definitions_list_redacted_paths_in_the_order_written()
    {
        var yaml = Examples.Parse(Base + "redact: [customer.email, transcript]\n");
        var json = OutcomeDefinition.Parse(
            """{"name":"ticket_resolved","correlate_by":"ticket_id","qualify":{"seen":"ticket.closed"},"settlement":{"window":"72h"},"redact":["customer.email","transcript"]}""",
            DefinitionFormat.Json);

        Assert.Equal(["customer.email", "transcript"], yaml.Redact.Select(p => p.Text));
        Assert.True(json.IsValid, string.Join("; ", json.Errors));
        Assert.Equal(yaml, json.Definition);
    }

    [Fact]
    public void the_canonical_form_keeps_redact_so_a_stored_version_redacts_as_published()
    {
        var definition = Examples.Parse(Base + "redact:\n  - customer.email\n");

        var canonical = definition.ToCanonicalJson();
        var stored = OutcomeDefinition.ParseStored(canonical);

        Assert.EndsWith("""
            "dimensions":[],"redact":["customer.email"]}
            """, canonical, StringComparison.Ordinal);
        Assert.Equal(definition, stored.Definition);
        Assert.NotEqual(Examples.Parse(Base).ContentHash(), definition.ContentHash());
    }

    [Fact]
    public void a_definition_without_redact_keeps_the_canonical_form_and_hash_it_had_before_redact_existed()
    {
        var definition = Examples.Parse(Base);

        Assert.DoesNotContain("redact", definition.ToCanonicalJson(), StringComparison.Ordinal);
        Assert.Equal(Examples.Parse(Base + "redact: []\n").ContentHash(), definition.ContentHash());
        Assert.True(definition.Redact.IsEmpty);
    }

    [Fact]
    public void bad_redact_paths_are_errors_naming_their_index()
    {
        var result = OutcomeDefinition.Parse(Base + "redact: [customer.email, 'a..b', $agent.id, customer.email, 'has space']\n", DefinitionFormat.Yaml);

        Assert.Equal(
            [
                "redact[1] (line 7, column 26): 'a..b' is not a property path — write dot-separated property names without spaces, e.g. lead.score",
                "redact[2] (line 7, column 34): '$agent.id' is an envelope field, which cannot be redacted — redact event properties, e.g. customer.email; type, time and agent are what the charge is about",
                "redact[3] (line 7, column 45): the path 'customer.email' is listed twice — list each path once",
                "redact[4] (line 7, column 61): 'has space' is not a property path — write dot-separated property names without spaces, e.g. lead.score",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void redact_must_be_a_list()
    {
        var error = Assert.Single(OutcomeDefinition.Parse(Base + "redact: customer.email\n", DefinitionFormat.Yaml).Errors);

        Assert.Equal("redact", error.Path);
        Assert.Equal("redact must be a list of property paths", error.Message);
    }
}
