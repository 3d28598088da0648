using System.Text.RegularExpressions;
using Witn.Domain.Common;

namespace Witn.Domain.Events;

/// <summary>
/// The one rule for event types, <c>[a-z0-9_.-]{1,128}</c>: what ingestion accepts, so what a definition listens for,
/// a contract meter counts and evaluate takes can always be sent by an agent. A type outside it would never match an
/// event and would silently count nothing.
/// </summary>
public static partial class EventTypes
{
    /// <summary>The rule in words, for every message about an event type.</summary>
    public static readonly string Rule = $"lowercase letters, digits, '.', '_' and '-', at most {FieldLimits.MaxEventTypeLength} characters";

    /// <summary>The same rule as a regular expression, for schemas (JSON Schema, OpenAPI); <see cref="IsValid"/> is what checks.</summary>
    public static readonly string Pattern = $"^[a-z0-9_.-]{{1,{FieldLimits.MaxEventTypeLength}}}$";

    /// <summary>True for a type agents can send.</summary>
    public static bool IsValid(string? type)
    {
        if (string.IsNullOrEmpty(type) || type.Length > FieldLimits.MaxEventTypeLength)
        {
            return false;
        }

        foreach (var c in type)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The looser rule documents were accepted under before 2026-11-24 (<c>[A-Za-z0-9_.:/-]{1,200}</c>). Only for reading
    /// what was stored then (definitions, contracts): tightening the rule must never stop the catalog from loading.
    /// </summary>
    public static bool IsValidStored(string? type) => IsValid(type) || (type is not null && LegacyPattern().IsMatch(type));

    /// <summary>How to fix <paramref name="type"/>: its lower-case form when that is valid, otherwise the rule.</summary>
    public static string Hint(string? type)
    {
        var lower = type?.ToLowerInvariant();
        return lower != type && IsValid(lower)
            ? $"write it in lower case, {lower}: event types are {Rule}"
            : $"event types are what agents send, such as ticket.closed: {Rule}";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.:/\-]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyPattern();
}
