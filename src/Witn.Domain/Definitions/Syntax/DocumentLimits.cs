namespace Witn.Domain.Definitions.Syntax;

/// <summary>
/// The limits every YAML or JSON document (outcome definitions and contracts) is read under, in one place
/// (docs/security.md, docs/outcome-language.md and docs/pricing.md quote them). A document is bounded by what it
/// expands to, not only by its characters: YAML aliases make a few hundred bytes stand for billions of nodes.
/// </summary>
public static class DocumentLimits
{
    /// <summary>Characters in one document.</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>Nodes (mappings, lists, keys and values) after alias expansion: an alias counts as often as it is used.</summary>
    public const int MaxNodes = 10_000;

    /// <summary>Nesting of mappings and lists.</summary>
    public const int MaxDepth = 64;
}
