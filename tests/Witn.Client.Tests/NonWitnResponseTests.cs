using System.Net;
using System.Text;

namespace Witn.Client.Tests;

/// <summary>What a proxy or a wrong address answers is not a Witn problem document; the client still says what happened.</summary>
public sealed class NonWitnResponseTests
{
    [Fact]
    public async Task an_html_error_page_becomes_an_api_exception_with_the_status_and_an_excerpt()
    {
        using var http = new HttpClient(new Answer(HttpStatusCode.BadGateway, "<html>upstream down</html>", "text/html"));
        using var client = new WitnHttpClient(http, new WitnHttpClientOptions { BaseAddress = new Uri("http://proxy.example/witn") });

        var e = await Assert.ThrowsAsync<WitnApiException>(() => client.GetClusterAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadGateway, e.Status);
        Assert.Equal("GET http://proxy.example/witn/v1/cluster answered 502 without a problem document: <html>upstream down</html>; check the base address", e.Detail);
        Assert.Empty(e.Errors);
    }

    [Fact]
    public async Task a_success_with_json_the_client_cannot_read_is_an_api_exception_not_a_json_exception()
    {
        using var http = new HttpClient(new Answer(HttpStatusCode.OK, """{"served_by": 42}""", "application/json"));
        using var client = new WitnHttpClient(http, new WitnHttpClientOptions { BaseAddress = new Uri("http://witn.example") });

        var e = await Assert.ThrowsAsync<WitnApiException>(() => client.GetClusterAsync(TestContext.Current.CancellationToken));

        Assert.IsType<System.Text.Json.JsonException>(e.InnerException);
        Assert.StartsWith("GET http://witn.example/v1/cluster answered with JSON this client cannot read as ClusterInfo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_503_readiness_report_is_returned_not_thrown()
    {
        using var http = new HttpClient(new Answer(HttpStatusCode.ServiceUnavailable,
            """{"status":"not_ready","checks":{"database":{"status":"failing","detail":"PostgreSQL unreachable"},"silo":{"status":"ok","detail":"active"}}}""",
            "application/json"));
        using var client = new WitnHttpClient(http, new WitnHttpClientOptions { BaseAddress = new Uri("http://witn.example") });

        var report = await client.GetReadinessAsync(TestContext.Current.CancellationToken);

        Assert.False(report.IsReady);
        Assert.False(report.Checks["database"].IsOk);
        Assert.Equal("PostgreSQL unreachable", report.Checks["database"].Detail);
        Assert.True(report.Checks["silo"].IsOk);
    }

    private sealed class Answer(HttpStatusCode status, string body, string mediaType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(body, Encoding.UTF8, mediaType) });
    }
}
