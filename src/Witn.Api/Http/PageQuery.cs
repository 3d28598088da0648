using Microsoft.AspNetCore.Mvc;

namespace Witn.Api.Http;

/// <summary>
/// The paging parameters every list endpoint takes (<c>[AsParameters]</c>): <c>limit</c>, the page size, and
/// <c>after</c>, the <c>next_after</c> of the previous page. <see cref="Paging"/> checks them.
/// </summary>
public readonly record struct PageQuery([property: FromQuery(Name = "limit")] int? Limit, [property: FromQuery(Name = "after")] string? After);
