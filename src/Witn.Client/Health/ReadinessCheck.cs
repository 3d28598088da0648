namespace Witn.Client.Health;

/// <summary>One readiness check of a silo: <c>ok</c> or <c>failing</c>, and why.</summary>
public sealed record ReadinessCheck(string Status, string Detail)
{
    public bool IsOk => Status == "ok";
}
