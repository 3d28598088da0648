namespace Witn.Api.Documentation;

/// <summary>Endpoint metadata: the body a handler reads itself (see <see cref="RequestBodyDocs"/>).</summary>
public sealed record RequestBodyForm(Type? Schema, IReadOnlyList<string> ContentTypes);
