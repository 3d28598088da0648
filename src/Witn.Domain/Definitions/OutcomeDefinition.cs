using System.Collections.Immutable;
using Witn.Domain.Common;

namespace Witn.Domain.Definitions;

/// <summary>
/// A validated outcome definition. Build one with <see cref="Parse"/>; two definitions with the same
/// <see cref="ContentHash"/> are the same version (the hash covers the canonical form, not the source text).
/// </summary>
public sealed record OutcomeDefinition(
    string Name,
    string Description,
    PropertyPath CorrelateBy,
    Condition Qualify,
    Condition? ReverseOn,
    Condition? ReviewWhen,
    SettlementPolicy Settlement,
    TimeSpan? ExpireAfter,
    Attribution Attribution,
    ValueArray<PropertyPath> Dimensions)
{
    /// <summary>Parses and validates YAML or JSON text; collects all errors.</summary>
    public static DefinitionParseResult Parse(string text, DefinitionFormat format) => OutcomeDefinitionParser.Parse(text, format);

    /// <summary>Every event type any condition mentions (including <c>after</c>/<c>before</c> anchors), sorted ordinally.</summary>
    public ImmutableSortedSet<string> ListenedTypes => ConditionWalker.Types(this).ToImmutableSortedSet(StringComparer.Ordinal);

    /// <summary>Stable compact JSON: fixed key order, explicit defaults, canonical durations and numbers.</summary>
    public string ToCanonicalJson() => CanonicalWriter.Write(this);

    /// <summary><c>sha256:</c> + hex of the canonical JSON.</summary>
    public string ContentHash() => CanonicalWriter.Hash(ToCanonicalJson());
}
