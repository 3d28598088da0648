namespace Witn.Domain.Definitions;

/// <summary>
/// A dotted path into an event's <c>properties</c> (<c>lead.score</c>) or one of the envelope fields
/// <c>$type</c>, <c>$timestamp</c>, <c>$agent.id</c>, <c>$agent.version</c>.
/// </summary>
public sealed record PropertyPath(string Text)
{
    public static readonly IReadOnlyList<string> EnvelopeFields = ["$type", "$timestamp", "$agent.id", "$agent.version"];

    public bool IsEnvelope => Text.StartsWith('$');

    public override string ToString() => Text;
}
