using Microsoft.AspNetCore.Http;

namespace Witn.Api.OperatorConsole;

/// <summary>
/// The result of a console form, carried across its 303 to the page it returns to: a cookie of the console's path
/// (HttpOnly, SameSite=Strict, a minute long) that the next page shows once and deletes. Only the server writes it;
/// it is shown encoded like every other value.
/// </summary>
public static class ConsoleFlash
{
    public const string Name = "witn_console_flash";

    private const int MaxLength = 600;

    public static void Set(HttpResponse response, string message)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(message);
        var options = Options(response.HttpContext);
        options.MaxAge = TimeSpan.FromMinutes(1);
        response.Cookies.Append(Name, Uri.EscapeDataString(message.Length > MaxLength ? message[..MaxLength] : message), options);
    }

    /// <summary>The message a form left for this page, if any; it is deleted, so a reload does not show it again.</summary>
    public static string? Take(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies[Name] is not { Length: > 0 } text)
        {
            return null;
        }

        http.Response.Cookies.Delete(Name, Options(http));
        try
        {
            var message = Uri.UnescapeDataString(text);
            return message.Length > MaxLength ? message[..MaxLength] : message;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = ConsoleRoutes.Prefix,
        IsEssential = true,
    };
}
