using System.Collections.Immutable;
using Witn.Domain.Common;

namespace Witn.Domain.Definitions;

/// <summary>
/// A validated outcome definition. Build one with <see cref="Parse"/>; two definitions with the same
/// <see cref="ContentHash"/> are the same version (the hash covers the canonical form, not the source text).
/// <see cref="Redact"/> lists the event properties the customer's view of the evidence hides (docs/evidence.md).
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
    ValueArray<PropertyPath> Dimensions,
    ValueArray<PropertyPath> Redact = default)
{
    /// <summary>Parses and validates YAML or JSON text; collects all errors.</summary>
    public static DefinitionParseResult Parse(string text, DefinitionFormat format) => OutcomeDefinitionParser.Parse(text, format);

    /// <summary>
    /// Reads a definition stored earlier (its canonical JSON). Rules tightened since it was published must not stop it
    /// from loading, so event types are read by the looser rule of before 2026-11-24 (types outside today's rule never
    /// match an event, since ingestion refuses them); everything new goes through <see cref="Parse"/>.
    /// </summary>
    public static DefinitionParseResult ParseStored(string canonicalJson) => OutcomeDefinitionParser.Parse(canonicalJson, DefinitionFormat.Json, stored: true);

    /// <summary>Every event type any condition mentions (including <c>after</c>/<c>before</c> anchors), sorted ordinally.</summary>
    public ImmutableSortedSet<string> ListenedTypes => ConditionWalker.Types(this).ToImmutableSortedSet(StringComparer.Ordinal);

    /// <summary>The conditions of qualify, reverse_on and review_when, all, any and not included (<see cref="OutcomeDefinitionParser.MaxConditions"/>).</summary>
    public int ConditionCount => ConditionWalker.Count(this);

    /// <summary>Stable compact JSON: fixed key order, explicit defaults, canonical durations and numbers.</summary>
    public string ToCanonicalJson() => CanonicalWriter.Write(this);

    /// <summary><c>sha256:</c> + hex of the canonical JSON.</summary>
    public string ContentHash() => CanonicalWriter.Hash(ToCanonicalJson());
}
