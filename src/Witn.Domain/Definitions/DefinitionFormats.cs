namespace Witn.Domain.Definitions;

/// <summary>The format of a document given as text without a content type (a simulation's candidates): JSON when it starts with '{', else YAML.</summary>
public static class DefinitionFormats
{
    public static DefinitionFormat Of(string? text) => (text ?? "").TrimStart().StartsWith('{') ? DefinitionFormat.Json : DefinitionFormat.Yaml;
}
