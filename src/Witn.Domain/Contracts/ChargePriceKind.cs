namespace Witn.Domain.Contracts;

/// <summary>What a contract says about the price of one charge when the ledger commits it.</summary>
public enum ChargePriceKind
{
    /// <summary>The contract has no price for the outcome: the charge is recorded without an amount.</summary>
    Unpriced,

    /// <summary>A flat unit price (possibly a dimension override); the amount is known now.</summary>
    Flat,

    /// <summary>Tiered or percent prices depend on the whole period: the invoice rates them.</summary>
    RatedOnInvoice,
}
