namespace Witn.Silo.Exports;

/// <summary>
/// An API key held so that it can only be used, never shown: its text says it is hidden, so a settings record, a log
/// line or an exception that prints it prints nothing of the key.
/// </summary>
public sealed class ProviderSecret(string value)
{
    /// <summary>The key itself, for the Authorization header and nothing else.</summary>
    public string Use() => value;

    public override string ToString() => "(hidden)";
}
