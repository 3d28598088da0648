namespace Witn.Storage.Postgres;

/// <summary>PostgreSQL cannot be provisioned or reached; the message says what to do about it.</summary>
public sealed class PostgresUnavailableException : Exception
{
    public PostgresUnavailableException(string message)
        : base(message)
    {
    }

    public PostgresUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
