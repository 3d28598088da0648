using Witn.Abstractions.Outcomes;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

internal static class DefinitionMapping
{
    public static DefinitionVersionInfo ToInfo(DefinitionVersionRow v) =>
        new(v.Name, v.Version, v.ContentHash, v.CanonicalJson, [.. v.ListenedTypes], v.SourceText, v.SourceFormat, v.PublishedAt);

    public static DefinitionInfo ToInfo(DefinitionRow d, DefinitionVersionRow latest) =>
        new(d.Name, d.Status, d.CreatedAt, d.UpdatedAt, ToInfo(latest), d.ActiveFrom);

    public static DefinitionInfo ToInfo(StoredDefinition s) => ToInfo(s.Definition, s.Latest);
}
