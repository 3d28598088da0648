using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Witn.Api.Pages;

/// <summary>The one rule for when a request is answered with a page rather than JSON.</summary>
public static class HtmlPages
{
    /// <summary>Marks a route as one that serves a page to a browser (see <see cref="HtmlPage"/>).</summary>
    public static TBuilder WithHtmlPage<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(HtmlPage.Instance);

    /// <summary>Marks a POST route as a page form an API key's holder sends, behind <see cref="PageFormFilter"/>.</summary>
    public static TBuilder WithPageForm<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(PageFormFilter.Instance).AddEndpointFilter(PageFormFilter.Instance);

    /// <summary>The route serves pages (whatever this request asks for).</summary>
    public static bool IsPageRoute(HttpContext context) => context?.GetEndpoint()?.Metadata.GetMetadata<HtmlPage>() is not null;

    /// <summary>The route serves pages and the client asks for one: <c>Accept</c> names <c>text/html</c>, as a browser's does.</summary>
    public static bool Wanted(HttpContext context) =>
        IsPageRoute(context) && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
