namespace Witn.Storage.Ledger;

/// <summary>
/// A page of a ledger list: at most <see cref="Limit"/> rows (null: all) after the row with id <see cref="After"/>
/// (null: from the start), in the list's order. Keyset paging, so rows committed meanwhile never shift a page.
/// </summary>
public sealed record LedgerPage(int? Limit, Guid? After)
{
    public static LedgerPage All { get; } = new(null, null);
}
