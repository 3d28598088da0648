using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Witn.Domain.Events;

namespace Witn.Domain.Tests.Support;

/// <summary>Terse event builder; the event id is derived from the key, as ingest does.</summary>
internal static class Ev
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-02T09:00:00Z", CultureInfo.InvariantCulture);

    public static OutcomeEvent Make(string key, string type, DateTimeOffset at, object? properties = null, string? agent = null, string? agentVersion = null) =>
        new(IdOf(key), "acme", type, at, JsonSerializer.SerializeToElement(properties ?? new { }), key, agent is null ? null : new AgentRef(agent, agentVersion));

    public static OutcomeEvent Make(string key, string type, string at, object? properties = null, string? agent = null) =>
        Make(key, type, Time(at), properties, agent);

    public static DateTimeOffset Time(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static Guid IdOf(string key) => new(MD5.HashData(Encoding.UTF8.GetBytes("acme/" + key)));
}
