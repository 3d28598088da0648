namespace Witn.Api.Http;

/// <summary>
/// The paging parameters every list endpoint takes (<c>[AsParameters]</c>): <c>limit</c>, the page size, and
/// <c>after</c>, the <c>next_after</c> of the previous page. <see cref="Paging"/> checks them.
/// </summary>
public readonly struct PageQuery
{
    // The constructor's parameter names are the query names, and what a binding failure names ("limit").
    public PageQuery(int? limit, string? after)
    {
        Limit = limit;
        After = after;
    }

    public int? Limit { get; }

    public string? After { get; }
}
