namespace Witn.Domain.Disputes;

/// <summary>Who a thread message speaks for: the buyer, or the vendor's operator.</summary>
public enum DisputeAuthor
{
    Customer,
    Operator,
}
