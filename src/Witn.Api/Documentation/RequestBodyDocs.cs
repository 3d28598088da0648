using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Witn.Api.Documentation;

/// <summary>
/// Describes a body that a handler reads itself. <c>Accepts&lt;T&gt;()</c> would also make routing answer a
/// foreign content type with a bare 415; the handlers answer it with the API's own problem instead.
/// </summary>
public static class RequestBodyDocs
{
    /// <summary>The body is <paramref name="schema"/> (null: any JSON object, or a YAML/JSON document) in one of <paramref name="contentTypes"/>.</summary>
    public static TBuilder RequestBody<TBuilder>(this TBuilder endpoint, Type? schema, params string[] contentTypes)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new RequestBodyForm(schema, contentTypes));

    /// <summary>Writes the request body of each operation that declares a <see cref="RequestBodyForm"/>.</summary>
    internal static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodyForm>().LastOrDefault() is not { } form)
        {
            return;
        }

        var schema = form.Schema is null
            ? new OpenApiSchema { Type = JsonSchemaType.Object, Description = "a document in the content type sent" }
            : await Schemas.ReferenceAsync(form.Schema, context, cancellationToken);
        var body = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) };
        foreach (var contentType in form.ContentTypes)
        {
            body.Content[contentType] = new OpenApiMediaType { Schema = schema };
        }

        operation.RequestBody = body;
    }
}
