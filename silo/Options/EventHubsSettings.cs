namespace Witn.Silo.Options;

/// <summary>The event hub that cloud mode delivers through (<c>--log eventhubs</c>).</summary>
public sealed record EventHubsSettings(string ConnectionString, string Name, string ConsumerGroup, string Namespace)
{
    public const string DefaultConsumerGroup = "$Default";

    // The connection string holds a key: never print it.
    public override string ToString() => $"event hub '{Name}' in {Namespace}, consumer group '{ConsumerGroup}'";
}
