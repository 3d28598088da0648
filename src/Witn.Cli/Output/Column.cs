using System.Text.Json;

namespace Witn.Cli.Output;

/// <summary>One column of a table of API items: its header and how a cell is read (a dotted field path by default).</summary>
public sealed record Column(string Header, Func<JsonElement, string> Cell)
{
    public static Column Field(string header, string path) => new(header, e => JsonFields.Text(e, path));

    public static implicit operator Column(string path) => Field(path, path);
}
