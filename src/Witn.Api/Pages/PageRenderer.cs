using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Witn.Api.Pages;

/// <summary>
/// Renders a page component to HTML with ASP.NET Core's <see cref="HtmlRenderer"/> (every value encoded by the
/// renderer) and writes it with the headers every page carries.
/// </summary>
public sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    // Encodes what HTML needs (< > & " ' +) but leaves the rest of Unicode as written ("×", "—", "€"), so the source reads like the page.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly IServiceProvider _services = new EncoderServices(services, Encoder);

    public async Task<string> RenderAsync(Type component, IReadOnlyDictionary<string, object?> parameters)
    {
        await using var renderer = new HtmlRenderer(_services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync(component, ParameterView.FromDictionary(parameters.ToDictionary()))).ToHtmlString());
    }

    /// <summary>Writes <paramref name="html"/>: no caching (pages hold billing data), and a policy that lets nothing but the page's own stylesheet run or load.</summary>
    public static async Task WriteAsync(HttpContext context, string html, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentSecurityPolicy = PageStyles.ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
        await response.WriteAsync(html, context.RequestAborted);
    }

    /// <summary>The app's services, with the pages' encoder in place of the default one (which encodes every non-ASCII character).</summary>
    private sealed class EncoderServices(IServiceProvider inner, HtmlEncoder encoder) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(HtmlEncoder) ? encoder : inner.GetService(serviceType);
    }
}
