using System.Text;
using System.Text.Json;
using Witn.Domain.Definitions;
using Witn.Domain.Events;

namespace Witn.Domain.Evaluation.Engine;

internal enum EnvelopeField
{
    None,
    Type,
    Timestamp,
    AgentId,
    AgentVersion,
}

/// <summary>A property path with its segments pre-encoded as UTF-8, so lookups neither allocate nor transcode.</summary>
internal sealed class CompiledPath
{
    private readonly byte[][] _segments;

    public CompiledPath(PropertyPath path)
    {
        Text = path.Text;
        Field = path.Text switch
        {
            "$type" => EnvelopeField.Type,
            "$timestamp" => EnvelopeField.Timestamp,
            "$agent.id" => EnvelopeField.AgentId,
            "$agent.version" => EnvelopeField.AgentVersion,
            _ => EnvelopeField.None,
        };
        _segments = Field == EnvelopeField.None ? [.. path.Text.Split('.').Select(Encoding.UTF8.GetBytes)] : [];
    }

    public string Text { get; }

    public EnvelopeField Field { get; }

    public Resolved Resolve(OutcomeEvent e)
    {
        switch (Field)
        {
            case EnvelopeField.Type:
                return Resolved.Of(e.Type);
            case EnvelopeField.Timestamp:
                return Resolved.Of(e.Timestamp);
            case EnvelopeField.AgentId:
                return Resolved.Of(e.Agent?.Id);
            case EnvelopeField.AgentVersion:
                return Resolved.Of(e.Agent?.Version);
        }

        var element = e.Properties;
        foreach (var segment in _segments)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
            {
                return Resolved.Missing;
            }
        }

        return Resolved.Of(element);
    }
}
