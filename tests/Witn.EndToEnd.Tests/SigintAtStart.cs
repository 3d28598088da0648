namespace Witn.EndToEnd.Tests;

/// <summary>How a silo process starts with SIGINT (Ctrl-C).</summary>
public enum SigintAtStart
{
    /// <summary>Default handling, whatever the test process inherited: SIGINT is delivered.</summary>
    Default,

    /// <summary>Ignored, as a shell starts a background job: SIGINT never arrives, SIGTERM still does.</summary>
    Ignored,
}
