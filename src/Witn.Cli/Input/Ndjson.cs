using System.Text.Json;
using System.Text.Json.Nodes;
using Witn.Cli.Exit;

namespace Witn.Cli.Input;

/// <summary>
/// Newline-delimited JSON: one event object per line (blank lines and lines starting with '#' skipped). A line that is
/// not a JSON object fails the command naming file:line:column before anything is sent.
/// </summary>
public static class Ndjson
{
    public static IReadOnlyList<NdjsonLine> ReadObjects(string path)
    {
        var text = InputFile.Read(path);
        var items = new List<NdjsonLine>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (JsonException e)
            {
                var column = (e.BytePositionInLine ?? 0) + 1;
                throw new CliFailure(ExitCodes.Failed, $"{path}:{lineNumber}:{column}: not JSON: {FirstSentence(e.Message)}");
            }

            items.Add(new NdjsonLine(lineNumber, node as JsonObject ?? throw new CliFailure(ExitCodes.Failed, $"{path}:{lineNumber}:1: each line must be one JSON object (an event), not {node?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}")));
        }

        return items;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
