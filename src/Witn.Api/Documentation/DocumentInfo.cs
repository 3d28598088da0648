using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Witn.Api.Documentation;

/// <summary>What the document says about itself: title, licence, the tags' meaning, servers without a trailing slash.</summary>
internal static class DocumentInfo
{
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Keys"] = "API keys: scopes (admin, read, ingest), an optional tenant, revocation.",
        ["Cluster"] = "The silos of the Orleans cluster.",
        ["Outcomes"] = "Outcome definitions, the outcomes of a tenant and the reviews waiting for a decision.",
        ["Tenants"] = "The customers being billed.",
        ["Contracts"] = "A tenant's contract (prices), one immutable version per change.",
        ["Events"] = "Ingestion: native events and CloudEvents (binary, structured, batch).",
        ["Ledger"] = "Charges, credits and the evidence behind each charge.",
        ["Invoices"] = "Billing periods and their invoices.",
        ["Webhooks"] = "Signed notifications: endpoints and deliveries.",
    };

    public static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "Witn.Actors API";
        document.Info.Description = "Outcome-based billing for AI agents. Every /v1 route takes an API key; errors are RFC 9457 problems. See docs/api.md.";
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && Tags.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
