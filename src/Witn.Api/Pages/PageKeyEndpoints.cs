using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Witn.Api.Http;
using Witn.Api.Security;

namespace Witn.Api.Pages;

/// <summary>
/// <c>POST /pages/key</c>: the key form of <see cref="KeyPage"/>. A key that authenticates is kept in the page key
/// cookie and the browser is sent on (303) to the page it asked for; a wrong key gets the form again, saying why.
/// </summary>
public static class PageKeyEndpoints
{
    public const string Path = "/pages/key";

    /// <summary>A form holds a key and a path: a few hundred bytes.</summary>
    public const int MaxBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapPageKey(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, SubmitAsync).AllowAnonymous().WithHtmlPage().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, IGrainFactory grains)
    {
        // Login CSRF: another site's form could otherwise make this browser keep that site's key.
        if (PageForm.CrossSite(request) is { } site)
        {
            return TypedResults.Problem(Problems.Create(StatusCodes.Status403Forbidden, "cross-site-form", "The key form was sent from another site",
                $"the form came from {site}; open the page on this server and type the key there"));
        }

        if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Problems.Invalid("the key form is not a form",
                [new InputError("body", $"the body is '{request.ContentType}'", "send the form as application/x-www-form-urlencoded with the fields key and return")]);
        }

        if (BodyCharset.Refuse(request.ContentType) is { } charset)
        {
            return charset;
        }

        var (body, tooLarge) = await BodyBytes.ReadAsync(request, MaxBytes, "the key form", "send only the fields key and return");
        if (body is null)
        {
            return tooLarge!;
        }

        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form;
        using (body)
        {
            form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body.Span));
        }

        var returnPath = form.TryGetValue("return", out var sent) ? sent.ToString() : "";
        if (!IsPagePath(returnPath))
        {
            return Problems.Invalid("'return' is not a page of this server",
                [new InputError("return", $"'{returnPath}' is not a path under {PageKeyCookie.CookiePath}/", "open the page you want and type the key into its form")]);
        }

        var key = form.TryGetValue("key", out var typed) ? typed.ToString().Trim() : "";
        var (accepted, failure) = await ApiKeyAuthenticationHandler.CheckAsync(key, grains);
        if (accepted is null)
        {
            return PageResult.Of<KeyPage>(new Dictionary<string, object?>
            {
                [nameof(KeyPage.ReturnPath)] = returnPath,
                [nameof(KeyPage.Reason)] = key.Length == 0 ? "Type the key first." : $"That key was not accepted: {failure}.",
            }, StatusCodes.Status401Unauthorized);
        }

        PageKeyCookie.Set(request.HttpContext.Response, key);
        // 303: the browser follows with a GET of the page, and reloading it does not send the form again.
        return new SeeOther(returnPath);
    }

    /// <summary>A path of this server under /v1 (never another host: "//evil.example" and "/\evil" are not paths here).</summary>
    private static bool IsPagePath(string path) =>
        path.StartsWith(PageKeyCookie.CookiePath + "/", StringComparison.Ordinal)
        && !path.Contains("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal)
        && Uri.TryCreate(path, UriKind.Relative, out _);
}
