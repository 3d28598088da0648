using System.Text.Json.Serialization;

namespace Witn.Domain.Ingestion;

/// <summary>What happened to one event of a request.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventResultStatus>))]
public enum EventResultStatus
{
    /// <summary>New, and durable in the log.</summary>
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    /// <summary>Already in the log with the same id and content; nothing new was stored.</summary>
    [JsonStringEnumMemberName("duplicate")]
    Duplicate,

    /// <summary>Its id (idempotency key) is in the log with different content; the original is kept.</summary>
    [JsonStringEnumMemberName("conflict")]
    Conflict,

    /// <summary>Invalid; nothing of it was stored.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,
}
