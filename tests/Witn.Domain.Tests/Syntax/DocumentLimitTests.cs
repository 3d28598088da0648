using System.Diagnostics;
using System.Globalization;
using System.Text;
using Witn.Domain.Contracts;
using Witn.Domain.Definitions;
using Witn.Domain.Definitions.Syntax;

namespace Witn.Domain.Tests.Syntax;

/// <summary>
/// Billion-laughs variants: a document is bounded by what it expands to (nodes after alias expansion, nesting,
/// conditions), not by its bytes, for definitions and contracts alike, and the refusal is quick.
/// </summary>
public sealed class DocumentLimitTests
{
    private const string Budget = "the document expands to more than 10,000 nodes";

    /// <summary>The 699-byte attack of the finding: &amp;a0 is one leaf, each &amp;aN lists *aN-1 twice; 2^levels leaves.</summary>
    public static string AliasLaughs(int levels)
    {
        var yaml = new StringBuilder("name: laughs\ncorrelate_by: ticket_id\nsettlement: { window: 1h }\nx0: &a0 { seen: ticket.closed }\n");
        for (var i = 1; i <= levels; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"x{i}: &a{i} {{ all: [*a{i - 1}, *a{i - 1}] }}\n");
        }

        return yaml.Append(CultureInfo.InvariantCulture, $"qualify: *a{levels}\n").ToString();
    }

    [Theory]
    [InlineData(20)]
    [InlineData(31)]
    [InlineData(64)]
    public void an_aliased_definition_that_expands_past_the_node_budget_is_refused_quickly_naming_the_limit(int levels)
    {
        var watch = Stopwatch.StartNew();

        var result = OutcomeDefinitionParser.Parse(AliasLaughs(levels), DefinitionFormat.Yaml);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(Budget, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void an_aliased_contract_that_expands_past_the_node_budget_is_refused_naming_the_limit()
    {
        var yaml = new StringBuilder("currency: USD\nx0: &a0 { unit_price: 1 }\n");
        for (var i = 1; i <= 20; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"x{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n");
        }

        var result = ContractParser.Parse(yaml.Append("prices: { t: *a20 }\n").ToString(), DefinitionFormat.Yaml);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith(Budget, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void aliases_within_the_budget_still_read_as_before()
    {
        var yaml = "name: t\ncorrelate_by: id\nsettlement: { window: 1h }\nqualify:\n  all:\n    - &leaf { seen: ticket.closed }\n    - not: *leaf\n";

        var result = OutcomeDefinitionParser.Parse(yaml, DefinitionFormat.Yaml);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData(DefinitionFormat.Json)]
    [InlineData(DefinitionFormat.Yaml)]
    public void a_wide_document_past_the_node_budget_is_refused_in_either_format(DefinitionFormat format)
    {
        var items = string.Join(",", Enumerable.Repeat("0", DocumentLimits.MaxNodes + 1));
        var text = $"{{\"name\": \"wide\", \"dimensions\": [{items}]}}";

        var contract = ContractParser.Parse(text, format);
        var definition = OutcomeDefinitionParser.Parse(text, format);

        Assert.StartsWith(Budget, Assert.Single(contract.Errors).Message, StringComparison.Ordinal);
        var error = Assert.Single(definition.Errors);
        Assert.StartsWith(Budget, error.Message, StringComparison.Ordinal);
        Assert.Equal(format == DefinitionFormat.Json ? "dimensions[9995]" : string.Empty, error.Path);
    }

    [Theory]
    [InlineData(DefinitionFormat.Json, "[", "]")]
    [InlineData(DefinitionFormat.Yaml, "[", "]")]
    [InlineData(DefinitionFormat.Yaml, "{a: ", "}")]
    public void a_document_nested_deeper_than_64_levels_is_refused_in_either_format(DefinitionFormat format, string open, string close)
    {
        var text = string.Concat(Enumerable.Repeat(open, 100)) + "1" + string.Concat(Enumerable.Repeat(close, 100));

        var result = OutcomeDefinitionParser.Parse(text, format);

        var error = Assert.Single(result.Errors);
        Assert.Contains("64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_definition_with_more_conditions_than_the_limit_is_refused_once_naming_the_limit()
    {
        var leaves = string.Join(",", Enumerable.Repeat("{\"seen\": \"a\"}", OutcomeDefinitionParser.MaxConditions));
        var text = $$$"""{"name": "many", "correlate_by": "id", "settlement": {"window": "1h"}, "qualify": {"any": [{{{leaves}}}]}}""";

        var result = OutcomeDefinitionParser.Parse(text, DefinitionFormat.Json);

        var error = Assert.Single(result.Errors);
        Assert.Equal($"qualify.any[{OutcomeDefinitionParser.MaxConditions - 1}]", error.Path);
        Assert.Equal("the definition has more than 256 conditions (the limit on conditions per definition)", error.Message);
    }

    [Fact]
    public void a_definition_at_the_condition_limit_is_valid_and_a_stored_one_above_it_still_loads()
    {
        var atLimit = string.Join(",", Enumerable.Repeat("{\"seen\": \"a\"}", OutcomeDefinitionParser.MaxConditions - 1));
        var above = string.Join(",", Enumerable.Repeat("{\"seen\": \"a\"}", OutcomeDefinitionParser.MaxConditions * 2));
        static string Text(string leaves) => $$$"""{"name": "many", "correlate_by": "id", "settlement": {"window": "1h"}, "qualify": {"any": [{{{leaves}}}]}}""";

        Assert.True(OutcomeDefinitionParser.Parse(Text(atLimit), DefinitionFormat.Json).IsValid);
        var stored = OutcomeDefinition.ParseStored(Text(above));
        Assert.True(stored.IsValid, string.Join("; ", stored.Errors));
    }

    // YAML refuses such an escape as it scans (an invalid YAML error); JSON reads it, and decoding it threw.
    [Theory]
    [InlineData(DefinitionFormat.Json, """{"name": "\ud800"}""", "name")]
    [InlineData(DefinitionFormat.Json, """{"name": "x", "correlate_by": {"\udc00": 1}}""", "correlate_by")]
    public void an_unpaired_surrogate_escape_is_an_error_naming_where_it_is(DefinitionFormat format, string text, string path)
    {
        var definition = OutcomeDefinitionParser.Parse(text, format);
        var contract = ContractParser.Parse(text, format);

        var error = Assert.Single(definition.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
        Assert.Contains("unpaired surrogate", Assert.Single(contract.Errors).Message, StringComparison.Ordinal);
    }
}
