using Witn.Domain.Common;

namespace Witn.Domain.Definitions;

/// <summary>
/// All versions of one named definition and its status. Publishing content whose hash equals the latest
/// version is a no-op that returns that version; anything else (including going back to an older content)
/// appends a new version, so the history stays linear and every charge names the version it used.
/// </summary>
public sealed record DefinitionHistory(string Name, DefinitionStatus Status, ValueArray<DefinitionVersion> Versions)
{
    public static DefinitionHistory Empty(string name) => new(name, DefinitionStatus.Active, []);

    public DefinitionVersion? Latest => Versions.IsEmpty ? null : Versions[^1];

    public DefinitionVersion? Get(int version) => version >= 1 && version <= Versions.Count ? Versions[version - 1] : null;

    public PublishOutcome Publish(OutcomeDefinition definition, DateTimeOffset publishedAt)
    {
        if (!string.Equals(definition.Name, Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"definition '{definition.Name}' cannot be published as '{Name}'", nameof(definition));
        }

        var hash = definition.ContentHash();
        if (Latest is { } latest && string.Equals(latest.ContentHash, hash, StringComparison.Ordinal))
        {
            return new PublishOutcome(this, latest, Created: false);
        }

        var version = new DefinitionVersion(Name, Versions.Count + 1, hash, definition, publishedAt);
        return new PublishOutcome(this with { Versions = [.. Versions, version] }, version, Created: true);
    }

    public DefinitionHistory WithStatus(DefinitionStatus status) => this with { Status = status };
}
