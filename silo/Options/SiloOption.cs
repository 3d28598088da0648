namespace Witn.Silo.Options;

/// <summary>One command-line option with its environment variable and help text.</summary>
public sealed record SiloOption(string Flag, string Environment, string Default, string Help, bool IsSwitch = false);
