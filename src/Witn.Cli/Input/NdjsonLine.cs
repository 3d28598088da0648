using System.Text.Json.Nodes;

namespace Witn.Cli.Input;

/// <summary>One object of an NDJSON file and the line it is on (for messages about it).</summary>
public sealed record NdjsonLine(int Line, JsonObject Value);
