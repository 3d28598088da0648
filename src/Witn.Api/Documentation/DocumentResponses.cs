using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Witn.Api.Documentation;

/// <summary>
/// Describes a response the handler writes as an already serialized JSON document (an invoice, an evidence bundle),
/// which has no response type for the generator to read; optionally also as a page (<c>Accept: text/html</c>).
/// </summary>
public static class DocumentResponses
{
    public static TBuilder ProducesDocument<TBuilder>(this TBuilder endpoint, int status, string description, bool html = false)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new DocumentResponse(status, description, html));

    internal static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var document in context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentResponse>())
        {
            var content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = document.Description } },
            };
            if (document.Html)
            {
                content["text/html"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The same, as a printable page." } };
            }

            operation.Responses ??= [];
            operation.Responses[document.Status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse { Description = document.Description, Content = content };
        }

        return Task.CompletedTask;
    }

    /// <summary>Endpoint metadata written by <see cref="ProducesDocument{TBuilder}"/>.</summary>
    internal sealed record DocumentResponse(int Status, string Description, bool Html);
}
