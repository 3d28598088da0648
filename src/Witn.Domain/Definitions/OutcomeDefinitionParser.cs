using Witn.Domain.Common;
using Witn.Domain.Definitions.Syntax;

namespace Witn.Domain.Definitions;

/// <summary>Parses and validates definition text; every error is collected, not just the first.</summary>
public static class OutcomeDefinitionParser
{
    /// <summary>Definitions are small; anything bigger is a mistake (or an attack on the parser).</summary>
    public const int MaxLength = DocumentLimits.MaxLength;

    /// <summary>
    /// Conditions in one definition (every all, any, not and leaf of qualify, reverse_on and review_when): each is
    /// evaluated for every event of an outcome and explained in every answer, so their number bounds that work.
    /// </summary>
    public const int MaxConditions = 256;

    public static DefinitionParseResult Parse(string text, DefinitionFormat format, bool stored = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<DefinitionError>();
        if (text.Length > MaxLength)
        {
            errors.Add(new DefinitionError(string.Empty, null, null, $"the definition is longer than {MaxLength} characters", "split the condition or remove repeated parts"));
            return new DefinitionParseResult(null, [.. errors]);
        }

        var root = SyntaxReader.Read(text, format, errors, stored);
        var definition = root is null ? null : new DefinitionBinder(errors, stored).Bind(root);
        // Reported in document order (stable: same-position errors keep discovery order); JSON has no positions.
        return errors.Count > 0 || definition is null
            ? new DefinitionParseResult(null, errors.OrderBy(e => e.Line ?? int.MaxValue).ThenBy(e => e.Column ?? int.MaxValue).ToValueArray())
            : new DefinitionParseResult(definition, []);
    }
}
