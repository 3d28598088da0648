namespace Witn.Domain.Definitions.Syntax;

/// <summary>
/// The one entry to the YAML and JSON readers for every document (outcome definitions, contracts), so both are
/// read under the same <see cref="DocumentLimits"/>.
/// </summary>
internal static class SyntaxReader
{
    /// <param name="stored">A document stored earlier: read without the node budget (see <see cref="SyntaxBudget.ForStored"/>).</param>
    public static SyntaxNode? Read(string text, DefinitionFormat format, List<DefinitionError> errors, bool stored = false)
    {
        var budget = stored ? SyntaxBudget.ForStored() : SyntaxBudget.ForInput();
        return format == DefinitionFormat.Json ? JsonSyntaxReader.Read(text, budget, errors) : YamlSyntaxReader.Read(text, budget, errors);
    }
}
