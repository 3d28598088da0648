using Witn.Domain.Contracts;
using Witn.Domain.Definitions;

namespace Witn.Domain.Tests.Contracts;

/// <summary>The example contracts and a helper that parses a contract the test expects to be valid.</summary>
internal static class ExampleContracts
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(Witn.Testing.ExampleFiles.RepoFolder("contracts"), name + ".yaml"));

    public static Contract Load(string name) => Parse(Text(name));

    public static Contract Parse(string yaml)
    {
        var result = ContractParser.Parse(yaml, DefinitionFormat.Yaml);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Contract;
    }
}
