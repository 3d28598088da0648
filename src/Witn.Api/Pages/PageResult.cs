using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Witn.Api.Pages;

/// <summary>An endpoint's answer as a page: the component and its parameters, rendered when the result executes.</summary>
public sealed class PageResult(Type component, IReadOnlyDictionary<string, object?> parameters, int status = StatusCodes.Status200OK) : IResult
{
    public static PageResult Of<TComponent>(IReadOnlyDictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TComponent : IComponent => new(typeof(TComponent), parameters, status);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var html = await httpContext.RequestServices.GetRequiredService<PageRenderer>().RenderAsync(component, parameters);
        await PageRenderer.WriteAsync(httpContext, html, status);
    }
}
