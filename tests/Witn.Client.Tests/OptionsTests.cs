namespace Witn.Client.Tests;

public sealed class OptionsTests
{
    [Theory]
    [InlineData(null, null, "WitnHttpClientOptions.BaseAddress is required")]
    [InlineData("/v1", null, "must be an absolute http:// or https:// address")]
    [InlineData("ftp://witn.example", null, "must be an absolute http:// or https:// address")]
    [InlineData("http://witn.example", "not-a-key", "WitnHttpClientOptions.ApiKey is not a Witn API key (keys look like wk_<16 hex digits>_<secret>)")]
    public void bad_http_options_are_refused_saying_what_to_fix(string? baseAddress, string? apiKey, string message)
    {
        var options = new WitnHttpClientOptions { BaseAddress = baseAddress is null ? null : new Uri(baseAddress, UriKind.RelativeOrAbsolute), ApiKey = apiKey };

        var e = Assert.Throws<ArgumentException>(() => new WitnHttpClient(options));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_non_positive_timeout_is_refused()
    {
        var options = new WitnHttpClientOptions { BaseAddress = new Uri("http://witn.example"), Timeout = TimeSpan.Zero };

        Assert.Contains("Timeout must be positive", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "witn", "Gateways is empty: add at least one silo gateway as host:port")]
    [InlineData(new[] { "127.0.0.1" }, "witn", "Gateways has '127.0.0.1', which is not host:port")]
    [InlineData(new[] { "127.0.0.1:30000", "localhost:0" }, "witn", "Gateways has 'localhost:0', which is not host:port with a port of 1-65535")]
    [InlineData(new[] { ":30000" }, "witn", "Gateways has ':30000', which is not host:port")]
    [InlineData(new[] { "127.0.0.1:30000" }, " ", "ClusterId is empty: use the silos' --cluster-id")]
    public async Task bad_cluster_options_are_refused_before_connecting(string[] gateways, string clusterId, string message)
    {
        var options = new WitnClusterClientOptions { ClusterId = clusterId };
        foreach (var g in gateways)
        {
            options.Gateways.Add(g);
        }

        var e = await Assert.ThrowsAsync<ArgumentException>(() => WitnClusterClient.ConnectAsync(options, TestContext.Current.CancellationToken));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:30000")]
    [InlineData("silo-1.internal:30000")]
    [InlineData("[::1]:30000")]
    public void good_gateways_pass_validation(string gateway)
    {
        var options = new WitnClusterClientOptions();
        options.Gateways.Add(gateway);

        options.Validate();
    }
}
