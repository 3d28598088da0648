using System.Text;
using Witn.Domain.Ingestion;
using static Witn.Domain.Tests.Ingestion.Envelopes;

namespace Witn.Domain.Tests.Ingestion;

/// <summary>The CloudEvents HTTP binding's binary mode: attributes in <c>ce-*</c> headers, the data as the body.</summary>
public sealed class CloudEventBindingTests
{
    private const string Structured =
        """{"specversion": "1.0", "id": "ticket-T-1042-closed", "source": "/support-bot", "type": "ticket.closed", "time": "2026-11-24T10:00:00Z", "tenantid": "acme", "datacontenttype": "application/json", "data": {"ticket_id": "T-1042", "resolution": "solved"}}""";

    private static readonly KeyValuePair<string, string?>[] Headers =
    [
        new("Host", "localhost"),
        new("ce-specversion", "1.0"),
        new("ce-id", "ticket-T-1042-closed"),
        new("Ce-Source", "/support-bot"),
        new("ce-type", "ticket.closed"),
        new("ce-time", "2026-11-24T10:00:00Z"),
        new("ce-tenantid", "acme"),
        new("ce-partitionkey", "customer%2042"),
        new("Content-Type", "application/json"),
    ];

    private static EnvelopeParseResult Binary(string body, string? contentType = "application/json", params KeyValuePair<string, string?>[] more)
    {
        var (structured, failure) = CloudEventBinding.ToStructured([.. Headers, .. more], contentType, Encoding.UTF8.GetBytes(body));
        Assert.Null(failure);
        return EnvelopeParser.Parse(structured!, EnvelopeFormat.CloudEvent);
    }

    [Fact]
    public void a_binary_event_is_the_same_event_as_the_structured_one()
    {
        var binary = Binary("""{"ticket_id": "T-1042", "resolution": "solved"}""");

        Assert.Equal(Single(Structured, EnvelopeFormat.CloudEvent), Assert.Single(binary.Items).Event);
    }

    [Fact]
    public void a_binary_event_without_data_has_empty_properties()
    {
        var binary = Binary("", contentType: null);

        Assert.Equal("{}", Assert.Single(binary.Items).Event!.PropertiesJson);
    }

    [Fact]
    public void data_of_another_content_type_rejects_the_event_as_in_structured_mode()
    {
        var item = Assert.Single(Binary("ticket closed", "text/plain").Items);

        Assert.Equal(EventRejections.DataContentType("text/plain"), item.Rejection);
    }

    [Fact]
    public void a_body_declared_json_that_is_not_is_a_failure_at_its_own_line_and_byte()
    {
        var (_, failure) = CloudEventBinding.ToStructured(Headers, "application/json", "{\n  \"a\": ,\n}"u8);

        Assert.Equal(EnvelopeFailureCodes.MalformedJson, failure!.Code);
        Assert.Equal((2, 8), (failure.Line, failure.Column));
    }

    [Fact]
    public void a_body_that_is_not_utf8_is_a_failure()
    {
        var (_, failure) = CloudEventBinding.ToStructured(Headers, "application/json", [(byte)'"', 0xff, (byte)'"']);

        Assert.Equal(EnvelopeFailureCodes.InvalidUtf8, failure!.Code);
    }

    [Theory]
    [InlineData("application/json", false, false)]
    [InlineData("application/json", true, true)]
    [InlineData(null, true, true)]
    [InlineData("text/plain", true, true)]
    [InlineData("application/cloudevents+json", true, false)]
    [InlineData("application/cloudevents-batch+json; charset=utf-8", true, false)]
    public void binary_mode_is_a_specversion_header_without_a_structured_content_type(string? contentType, bool specVersion, bool binary) =>
        Assert.Equal(binary, CloudEventBinding.IsBinary(contentType, specVersion));

    [Theory]
    [InlineData("partitionkey", true)]
    [InlineData("traceparent2", true)]
    [InlineData("tenant_id", false)]
    [InlineData("TenantId", false)]
    [InlineData("", false)]
    public void attribute_names_are_lowercase_letters_and_digits(string name, bool valid) =>
        Assert.Equal(valid, CloudEventBinding.IsAttributeName(name));
}
