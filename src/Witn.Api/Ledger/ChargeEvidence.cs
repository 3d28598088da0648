using System.Security.Claims;
using Witn.Abstractions.Ledger;
using Witn.Abstractions.Outcomes;
using Witn.Api.Security;
using Witn.Domain.Access;
using Witn.Domain.Common;
using Witn.Domain.Definitions;
using Witn.Domain.Evidence;

namespace Witn.Api.Ledger;

/// <summary>
/// A charge's evidence as its reader may see it: in full for operators (<see cref="EvidenceAudience"/>), else the
/// customer view, redacted by the <c>redact:</c> paths of the definition version that made the charge. The portal
/// renders <see cref="CustomerViewAsync"/> with <c>Pages.EvidenceView.ForCustomer</c>.
/// </summary>
public static class ChargeEvidence
{
    /// <summary>The key may see the full bundle.</summary>
    public static bool SeesFull(ClaimsPrincipal user) => EvidenceAudience.SeesFullBundle(ApiKeyClaims.Scopes(user));

    /// <summary>The customer view of the charge's stored bundle.</summary>
    public static async Task<CustomerEvidence> CustomerViewAsync(IGrainFactory grains, ChargeInfo charge)
    {
        ArgumentNullException.ThrowIfNull(charge);
        var bundle = EvidenceJson.Read(charge.EvidenceJson);
        return EvidenceRedaction.CustomerView(bundle, await RedactedPathsAsync(grains, charge.Outcome, charge.DefinitionVersion));
    }

    /// <summary>
    /// The paths one definition version redacts. Versions are never deleted, so a missing one is a broken store, not
    /// something to show unredacted.
    /// </summary>
    public static async Task<ValueArray<PropertyPath>> RedactedPathsAsync(IGrainFactory grains, string outcome, int version)
    {
        var stored = await grains.GetGrain<IOutcomeDefinitionGrain>(outcome).GetVersionAsync(version)
            ?? throw new InvalidOperationException($"definition {outcome} version {version} of a charge is missing; the customer view cannot be redacted");
        var parsed = OutcomeDefinition.ParseStored(stored.CanonicalJson);
        return parsed.Definition?.Redact
            ?? throw new InvalidOperationException($"definition {outcome} version {version} no longer parses: {string.Join("; ", parsed.Errors)}");
    }
}
