namespace Witn.Storage.Log;

public enum AppendStatus
{
    /// <summary>Stored by this call: durable when the call returns.</summary>
    Accepted,

    /// <summary>An event with the same tenant, id and content hash was already stored; nothing was written.</summary>
    Duplicate,

    /// <summary>An event with the same tenant and id but different content was already stored; it is kept, nothing was written.</summary>
    Conflict,

    /// <summary>
    /// PostgreSQL refused the record's values (a data exception, e.g. a character or number it cannot store) and
    /// nothing of it was written; the other records of its flush were written without it.
    /// </summary>
    Refused,
}
