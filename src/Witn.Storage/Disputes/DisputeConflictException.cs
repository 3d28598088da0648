namespace Witn.Storage.Disputes;

/// <summary>
/// A dispute change lost a race: the dispute changed since it was read, or another dispute was opened on the charge
/// meanwhile. Nothing was written; read again and retry.
/// </summary>
public sealed class DisputeConflictException : Exception
{
    public DisputeConflictException()
    {
    }

    public DisputeConflictException(string message)
        : base(message)
    {
    }

    public DisputeConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
