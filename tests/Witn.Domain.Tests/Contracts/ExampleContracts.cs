using Witn.Domain.Contracts;
using Witn.Domain.Definitions;

namespace Witn.Domain.Tests.Contracts;

/// <summary>The example contracts and a helper that parses a contract the test expects to be valid.</summary>
internal static class ExampleContracts
{
    /// <summary>Two meters: tokens by fractional tiers, API calls per unit (declared out of name order on purpose).</summary>
    public const string TwoMeters = """
        currency: USD
        meters:
          tokens:
            event: llm.completed
            aggregate: sum
            property: usage.tokens
            tiers:
              - up_to: 1000000.5
                unit_price: 0.000002
              - unit_price: 0.000001
          api_calls:
            event: api.called
            aggregate: count
            unit_price: 0.001
        """;

    public static string Text(string name) => File.ReadAllText(Path.Combine(Witn.Testing.ExampleFiles.RepoFolder("contracts"), name + ".yaml"));

    public static Contract Load(string name) => Parse(Text(name));

    public static Contract Parse(string yaml)
    {
        var result = ContractParser.Parse(yaml, DefinitionFormat.Yaml);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Contract;
    }
}
