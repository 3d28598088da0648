using Witn.Abstractions.Outcomes;
using Witn.Abstractions.Shadow;
using Witn.Domain.Definitions;
using Witn.Grains.Shadow;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>
/// Thin: parse and canonicalize with the domain, let the database number the version (it serializes
/// publishers across silos), then update this silo's catalog without waiting for the notification.
/// </summary>
public sealed class OutcomeDefinitionGrain(DefinitionStore store, IDefinitionCatalog catalog, ShadowPromoter promoter) : Grain, IOutcomeDefinitionGrain
{
    private string Name => this.GetPrimaryKeyString();

    public async Task<PublishReply> PublishAsync(DefinitionSource source)
    {
        var parsed = OutcomeDefinition.Parse(source.Text, source.Format);
        if (!parsed.IsValid)
        {
            throw new ArgumentException($"the definition is invalid: {string.Join("; ", parsed.Errors)}", nameof(source));
        }

        var definition = parsed.Definition;
        if (!string.Equals(definition.Name, Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"definition '{definition.Name}' cannot be published as '{Name}'", nameof(source));
        }

        var published = await store.PublishAsync(new NewDefinitionVersion(
            Name, definition.ContentHash(), definition.ToCanonicalJson(), [.. definition.ListenedTypes], source.Text, source.Format));
        catalog.Apply(new StoredDefinition(published.Definition, published.Version));
        return new PublishReply(DefinitionMapping.ToInfo(published.Definition, published.Version), DefinitionMapping.ToInfo(published.Version), published.Created);
    }

    public async Task<DefinitionInfo?> GetAsync() =>
        await store.FindAsync(Name) is { } stored ? DefinitionMapping.ToInfo(stored) : null;

    public async Task<DefinitionVersionInfo?> GetVersionAsync(int version) =>
        await store.FindVersionAsync(Name, version) is { } row ? DefinitionMapping.ToInfo(row) : null;

    public async Task<DefinitionInfo?> SetStatusAsync(DefinitionStatus status)
    {
        var stored = await store.SetStatusAsync(Name, status);
        if (stored is null)
        {
            return null;
        }

        catalog.Apply(stored);
        return DefinitionMapping.ToInfo(stored);
    }

    public Task<PromotionReply> PromoteAsync(PromotionRequest request) => promoter.PromoteDefinitionAsync(Name, request);
}
