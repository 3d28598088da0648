namespace Witn.Api.Pages;

/// <summary>
/// Endpoint metadata: the route answers <c>Accept: text/html</c> with a page. Its errors then come as the error page
/// (<see cref="HtmlProblemWriter"/>), a missing key as the key form, and the browser's page key cookie is accepted
/// on it (<see cref="PageKeyCookie"/>). Added with <see cref="HtmlPages.WithHtmlPage{TBuilder}"/>.
/// </summary>
public sealed class HtmlPage
{
    public static readonly HtmlPage Instance = new();

    private HtmlPage()
    {
    }
}
