using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;

namespace Witn.Api.Documentation;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and its browsable reference (Scalar, at <c>/openapi</c>, served from
/// the package, no CDN). What every operation shares (security, problems, ids) is written here by transformers,
/// so an endpoint states only what is its own.
/// </summary>
public static class ApiReference
{
    public const string DocumentRoute = "/openapi/{documentName}.json";

    public static void Configure(OpenApiOptions options)
    {
        // The API, not what else the host serves (the Orleans dashboard's own routes, health).
        options.ShouldInclude = description => description.RelativePath?.StartsWith("v1/", StringComparison.Ordinal) is true;
        options.AddOperationTransformer(Witn.Api.Http.PathValueForm.DescribeAsync);
        options.AddOperationTransformer(IntegerParameters.DescribeAsync);
        options.AddOperationTransformer(RequestBodyDocs.DescribeAsync);
        options.AddOperationTransformer(DocumentResponses.DescribeAsync);
        options.AddOperationTransformer(OperationIds.NameAsync);
        options.AddOperationTransformer(BearerSecurity.RequireAsync);
        // Last: it reads the parameters and the body the others wrote.
        options.AddOperationTransformer(ProblemResponses.DescribeAsync);
        options.AddDocumentTransformer(BearerSecurity.DeclareAsync);
        options.AddDocumentTransformer(DocumentInfo.DescribeAsync);
    }

    public static void MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentRoute).AllowAnonymous();
        app.MapScalarApiReference("/openapi", o => o
                .WithTitle("Witn.Actors API")
                .WithOpenApiRoutePattern(DocumentRoute)
                .AddPreferredSecuritySchemes(BearerSecurity.Scheme))
            .AllowAnonymous();
    }
}
