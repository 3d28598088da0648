using Witn.Domain.Common;
using Witn.Domain.Contracts.Syntax;
using Witn.Domain.Definitions;
using Witn.Domain.Definitions.Syntax;

namespace Witn.Domain.Contracts;

/// <summary>
/// Parses and validates contract text (YAML or JSON, the same structure); every error is collected, not just the
/// first. With <c>knownOutcomes</c>, a price for an outcome outside it is a warning (a definition may come later).
/// </summary>
public static class ContractParser
{
    /// <summary>Contracts are small; anything bigger is a mistake (or an attack on the parser).</summary>
    public const int MaxLength = DocumentLimits.MaxLength;

    public static ContractParseResult Parse(string text, DefinitionFormat format, IReadOnlyCollection<string>? knownOutcomes = null) =>
        Parse(text, format, knownOutcomes, stored: false);

    /// <summary>
    /// Reads a version stored earlier (its canonical JSON) under the rules it was accepted with, like
    /// <see cref="Definitions.OutcomeDefinition.ParseStored"/>: no node budget, event types by the looser rule of
    /// before 2026-11-24 and time zones as the system knew them, so tightening a rule never stops a stored contract
    /// from loading; everything new goes through <see cref="Parse(string, DefinitionFormat, IReadOnlyCollection{string}?)"/>.
    /// </summary>
    public static ContractParseResult ParseStored(string canonicalJson) => Parse(canonicalJson, DefinitionFormat.Json, null, stored: true);

    private static ContractParseResult Parse(string text, DefinitionFormat format, IReadOnlyCollection<string>? knownOutcomes, bool stored)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<ContractError>();
        var warnings = new List<ContractError>();
        if (text.Length > MaxLength)
        {
            errors.Add(new ContractError(string.Empty, null, null, $"the contract is longer than {MaxLength} characters", "a contract prices a handful of outcomes; remove repeated parts"));
            return new ContractParseResult(null, [.. errors], []);
        }

        if (IsBlank(text, format))
        {
            errors.Add(new ContractError(string.Empty, 1, 1, "the contract is empty", "start with currency:, billing_period: and prices:"));
            return new ContractParseResult(null, [.. errors], []);
        }

        // The syntax readers are shared with outcome definitions; only their wording names the document.
        var syntaxErrors = new List<DefinitionError>();
        var root = SyntaxReader.Read(text, format, syntaxErrors, stored);
        errors.AddRange(syntaxErrors.Select(e => new ContractError(e.Path, e.Line, e.Column,
            e.Message.Replace("definition", "contract", StringComparison.Ordinal), e.Hint.Replace("definition", "contract", StringComparison.Ordinal))));
        var contract = root is null ? null : new ContractBinder(errors, warnings, knownOutcomes, stored).Bind(root);
        var sortedWarnings = InDocumentOrder(warnings);
        return errors.Count > 0 || contract is null
            ? new ContractParseResult(null, InDocumentOrder(errors), sortedWarnings)
            : new ContractParseResult(contract, [], sortedWarnings);
    }

    // Stable: errors at the same position keep the order they were found in; JSON has no positions.
    private static ValueArray<ContractError> InDocumentOrder(List<ContractError> items) =>
        items.OrderBy(e => e.Line ?? int.MaxValue).ThenBy(e => e.Column ?? int.MaxValue).ToValueArray();

    private static bool IsBlank(string text, DefinitionFormat format) =>
        format == DefinitionFormat.Json
            ? string.IsNullOrWhiteSpace(text)
            : text.Split('\n').All(line => line.Trim().Length == 0 || line.TrimStart().StartsWith('#') || line.Trim() is "---" or "...");
}
