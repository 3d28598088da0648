namespace Witn.Domain.Exports;

/// <summary>
/// How a credit issued after its charge's invoice was final reaches Stripe: a credit note on that Stripe invoice while
/// it is open (unpaid: the note lowers what is due), or — once it is paid, void, still a draft, never exported, or when
/// the credit's amount is only known by rating — the negative line the next Witn invoice already carries, exported as
/// a negative item on the next Stripe invoice.
/// </summary>
public enum CreditMethod
{
    CreditNote,
    NextInvoice,
}
