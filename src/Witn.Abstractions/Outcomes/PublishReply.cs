namespace Witn.Abstractions.Outcomes;

/// <summary>The answer to a publish: the definition after it, the version now current, and whether it is new.</summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.publish-reply")]
public sealed record PublishReply(
    [property: Id(0)] DefinitionInfo Definition,
    [property: Id(1)] DefinitionVersionInfo Version,
    [property: Id(2)] bool Created);
