using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Witn.Abstractions.Access;
using Witn.Abstractions.Cluster;
using Witn.Client.Cluster;
using Witn.Client.Health;
using Witn.Client.Events;
using Witn.Client.Http;
using Witn.Domain.Ingestion;
using Witn.Domain.Access;

namespace Witn.Client;

/// <summary>
/// The Witn HTTP API for agents and operators. Every error the API answers with becomes a
/// <see cref="WitnApiException"/>; only transport failures (no connection, timeout) stay
/// <see cref="HttpRequestException"/> / <see cref="TaskCanceledException"/>. Thread-safe; keep one per key.
/// </summary>
public sealed class WitnHttpClient : IDisposable, IWitnEventSender
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _base;
    private readonly AuthenticationHeaderValue? _auth;

    /// <summary>A client with an <see cref="HttpClient"/> of its own, disposed with it.</summary>
    public WitnHttpClient(WitnHttpClientOptions options)
        : this(new HttpClient(), options, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// A client on a caller's <see cref="HttpClient"/> (e.g. from <c>IHttpClientFactory</c>). Its
    /// <c>BaseAddress</c> and default headers are not used or changed: each request carries the options' address and key.
    /// </summary>
    public WitnHttpClient(HttpClient http, WitnHttpClientOptions options)
        : this(http, options, ownsHttpClient: false)
    {
    }

    private WitnHttpClient(HttpClient http, WitnHttpClientOptions options, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _ownsHttp = ownsHttpClient;
        if (ownsHttpClient)
        {
            _http.Timeout = options.Timeout;
        }

        // A trailing slash makes relative paths land under a proxy prefix instead of replacing its last segment.
        var text = options.BaseAddress!.AbsoluteUri;
        _base = new Uri(text.EndsWith('/') ? text : text + "/");
        _auth = options.ApiKey is null ? null : new AuthenticationHeaderValue("Bearer", options.ApiKey);
    }

    /// <summary>Whether the silo can serve (<c>/readyz</c>). A not-ready silo is an answer, not an error: 503 returns its report too.</summary>
    public async Task<ReadinessReport> GetReadinessAsync(CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, "readyz");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable) || !IsJson(response))
        {
            throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return await ReadAsync<ReadinessReport>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates an API key (admin). The result holds the secret token: the only time it is ever shown.</summary>
    public async Task<CreatedApiKey> CreateKeyAsync(string name, IEnumerable<ApiKeyScope> scopes, string? tenantId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(scopes);
        var body = new CreateKeyBody(name, [.. scopes.Select(ApiKeyScopes.ToName)], tenantId);
        var created = await CallAsync<CreatedKeyBody>(HttpMethod.Post, "v1/keys", body, cancellationToken).ConfigureAwait(false);
        return new CreatedApiKey(new ApiKeyInfo(created.Id, created.Name, created.Scopes, created.TenantId, created.CreatedAt, null), created.Key);
    }

    /// <summary>
    /// Every API key in creation order, revoked ones included, without secrets (admin), read a page at a time as the
    /// enumeration goes on; a key restricted to a tenant lists only that tenant's keys.
    /// </summary>
    public IAsyncEnumerable<ApiKeyInfo> ListKeysAsync(CancellationToken cancellationToken = default) =>
        AllAsync<ApiKeyInfo>("v1/keys", cancellationToken);

    /// <summary>One page of <see cref="ListKeysAsync"/>: at most <paramref name="limit"/> keys (1–1000, 100 by default) after <paramref name="after"/>, the previous page's <see cref="WitnPage{T}.NextAfter"/>.</summary>
    public Task<WitnPage<ApiKeyInfo>> ListKeysPageAsync(int? limit = null, string? after = null, CancellationToken cancellationToken = default) =>
        PageAsync<ApiKeyInfo>("v1/keys", limit, after, cancellationToken);

    /// <summary>Revokes a key on every silo at once (admin); idempotent. An unknown id is a 404 <see cref="WitnApiException"/>.</summary>
    public Task<ApiKeyInfo> RevokeKeyAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return CallAsync<ApiKeyInfo>(HttpMethod.Delete, $"v1/keys/{Uri.EscapeDataString(id)}", null, cancellationToken);
    }

    /// <summary>The silos of the cluster and their status (admin).</summary>
    public Task<ClusterInfo> GetClusterAsync(CancellationToken cancellationToken = default) =>
        CallAsync<ClusterInfo>(HttpMethod.Get, "v1/cluster", null, cancellationToken);

    /// <summary>Calls the probe grain for a key through HTTP (admin): which silo hosts it, and how often its activation was called.</summary>
    public Task<ProbeReply> ProbeAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return CallAsync<ProbeReply>(HttpMethod.Post, $"v1/cluster/probes/{Uri.EscapeDataString(key)}", null, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<EventResult>> SendAsync(IEnumerable<WitnEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var results = new List<EventResult>();
        foreach (var body in EventEnvelope.Requests(events))
        {
            using var request = Request(HttpMethod.Post, "v1/events");
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
            }

            results.AddRange((await ReadAsync<IngestResultsBody>(response, cancellationToken).ConfigureAwait(false)).Results);
        }

        return results;
    }

    /// <summary>
    /// Any route, answered as the API's JSON as it is (for callers that show or pass it on, like the witn command
    /// line): <paramref name="body"/> is sent as JSON when given; errors are <see cref="WitnApiException"/>s as on
    /// every other call. <paramref name="path"/> is relative to the base address, e.g. <c>v1/tenants/acme</c>.
    /// </summary>
    public Task<JsonElement> SendJsonAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return CallAsync<JsonElement>(method, path, body is null ? null : JsonContent.Create(body, body.GetType(), options: WitnJson.Options), cancellationToken);
    }

    /// <summary>
    /// Sends a document as the whole body (a definition or contract as YAML or JSON text, with its media type, e.g.
    /// <c>application/yaml</c>) and answers the API's JSON.
    /// </summary>
    public Task<JsonElement> SendDocumentAsync(HttpMethod method, string path, string text, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(text);
        var content = new StringContent(text, System.Text.Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        return CallAsync<JsonElement>(method, path, content, cancellationToken);
    }

    /// <summary>A route's answer as text in another format than JSON (e.g. <c>text/csv</c>); errors as on every call.</summary>
    public async Task<string> GetTextAsync(string path, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var request = Request(HttpMethod.Get, path);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every item of any list route (<paramref name="path"/> may carry its own query, e.g. <c>?state=qualified</c>), a page at a time.</summary>
    public IAsyncEnumerable<JsonElement> ListJsonAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return AllAsync<JsonElement>(path, cancellationToken);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    // The one path every /v1 call takes, so routes added later (SendAsync of events, outcomes) get the same auth and errors.
    private Task<T> CallAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        CallAsync<T>(method, path, body is null ? null : JsonContent.Create(body, body.GetType(), options: WitnJson.Options), cancellationToken);

    private async Task<T> CallAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = Request(method, path);
        request.Content = content;

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    // The one paging loop of every list: follows next_after until the last page.
    private async IAsyncEnumerable<T> AllAsync<T>(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (string? after = null; ;)
        {
            var page = await PageAsync<T>(path, MaxPageSize, after, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Data)
            {
                yield return item;
            }

            if (!page.HasMore || page.NextAfter is not { } next)
            {
                yield break;
            }

            after = next;
        }
    }

    private Task<WitnPage<T>> PageAsync<T>(string path, int? limit, string? after, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (limit is { } l)
        {
            query.Add($"limit={l.ToString(CultureInfo.InvariantCulture)}");
        }

        if (after is not null)
        {
            query.Add($"after={Uri.EscapeDataString(after)}");
        }

        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return CallAsync<WitnPage<T>>(HttpMethod.Get, query.Count == 0 ? path : $"{path}{separator}{string.Join('&', query)}", (object?)null, cancellationToken);
    }

    // The largest page the API serves: the fewest round trips for a caller that reads everything.
    private const int MaxPageSize = 1000;

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(_base, path));
        request.Headers.Authorization = _auth;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(WitnJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new WitnApiException(response.StatusCode, "Empty response", $"{Describe(response)} answered with an empty body where a {typeof(T).Name} was expected");
        }
        catch (JsonException e)
        {
            throw new WitnApiException($"{Describe(response)} answered with JSON this client cannot read as {typeof(T).Name}: {e.Message}; is the client older than the server?", e);
        }
    }

    private static async Task<WitnApiException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (IsJson(response))
        {
            try
            {
                if (JsonSerializer.Deserialize<ProblemBody>(text, WitnJson.Options) is { Title: not null } problem)
                {
                    return new WitnApiException(response.StatusCode, problem.Title, problem.Detail, problem.Errors, problem.Type, problem.TraceId);
                }
            }
            catch (JsonException)
            {
                // Not a problem document after all: reported below with the raw body.
            }
        }

        // Not from the Witn API itself (a proxy, a wrong address): say so, with the start of what came back.
        var excerpt = text.Length > 200 ? text[..200] + "…" : text;
        return new WitnApiException(response.StatusCode, response.ReasonPhrase ?? "HTTP error",
            $"{Describe(response)} answered {(int)response.StatusCode} without a problem document{(excerpt.Length > 0 ? $": {excerpt}" : "")}; check the base address");
    }

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } media &&
        (media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal));

    private static string Describe(HttpResponseMessage response) =>
        $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}";
}
