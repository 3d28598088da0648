namespace Witn.Client;

/// <summary>No gateway accepted the connection: none listens there, or the silos belong to another cluster id.</summary>
public sealed class WitnClusterConnectionException : Exception
{
    public WitnClusterConnectionException()
    {
    }

    public WitnClusterConnectionException(string message)
        : base(message)
    {
    }

    public WitnClusterConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
