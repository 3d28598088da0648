using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Witn.Api.Outcomes;

/// <summary>
/// Describes a body that a handler reads itself. <c>Accepts&lt;T&gt;()</c> would also make routing answer a
/// foreign content type with a bare 415; the handlers answer it with the API's 400 problem instead.
/// </summary>
public static class RequestBodyDocs
{
    public static RouteHandlerBuilder RequestBody(this RouteHandlerBuilder endpoint, Type? schema, params string[] contentTypes) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var body = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) };
            foreach (var contentType in contentTypes)
            {
                body.Content[contentType] = new OpenApiMediaType
                {
                    Schema = schema is null ? new OpenApiSchema { Type = JsonSchemaType.Object } : await context.GetOrCreateSchemaAsync(schema, null, cancellationToken),
                };
            }

            operation.RequestBody = body;
        });
}
