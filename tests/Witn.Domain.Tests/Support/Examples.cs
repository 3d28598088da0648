using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;

namespace Witn.Domain.Tests.Support;

internal static class Examples
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(Witn.Testing.ExampleFiles.RepoFolder("outcomes"), name + ".yaml"));

    public static OutcomeDefinition Load(string name) => Parse(Text(name));

    public static CompiledDefinition Compiled(string name) => CompiledDefinition.Compile(Load(name));

    public static OutcomeDefinition Parse(string yaml)
    {
        var result = OutcomeDefinition.Parse(yaml, DefinitionFormat.Yaml);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Definition!;
    }

    public static CompiledDefinition Compile(string yaml) => CompiledDefinition.Compile(Parse(yaml));
}
