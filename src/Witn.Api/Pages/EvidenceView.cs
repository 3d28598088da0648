using Witn.Domain.Evidence;

namespace Witn.Api.Pages;

/// <summary>
/// What the evidence page shows: the bundle, what the ledger charged for it (<see cref="Amount"/> in
/// <see cref="Currency"/>, when the charge is priced; <see cref="Reference"/> the charge id) and the tenant's name and zone.
/// A customer view (<see cref="ForCustomer"/>) shows the redacted bundle with the hash of each hidden value beside it.
/// </summary>
public sealed record EvidenceView(EvidenceBundle Bundle, string TenantName, NodaTime.DateTimeZone Zone, decimal? Amount = null, string? Currency = null, string? Reference = null)
{
    /// <summary>Set for the customer view: what it hides (<see cref="Bundle"/> is then <see cref="CustomerEvidence.Bundle"/>).</summary>
    public CustomerEvidence? Customer { get; init; }

    /// <summary>
    /// The page of a customer view (from <c>Ledger.ChargeEvidence.CustomerViewAsync</c>, or
    /// <see cref="EvidenceRedaction.CustomerView"/>): render <see cref="EvidencePage"/> with it as its <c>View</c>.
    /// </summary>
    public static EvidenceView ForCustomer(CustomerEvidence customer, string tenantName, NodaTime.DateTimeZone zone, decimal? amount = null, string? currency = null, string? reference = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new EvidenceView(customer.Bundle, tenantName, zone, amount, currency, reference) { Customer = customer };
    }
}
