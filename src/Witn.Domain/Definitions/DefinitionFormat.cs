namespace Witn.Domain.Definitions;

/// <summary>The two spellings of a definition; both have the same structure.</summary>
public enum DefinitionFormat
{
    Yaml,
    Json,
}
