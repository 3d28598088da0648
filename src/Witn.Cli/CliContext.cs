using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Witn.Cli.Output;
using Witn.Cli.Profiles;
using Witn.Client;

namespace Witn.Cli;

/// <summary>One command's run: its consoles, output mode, and (on first use) the HTTP client of the resolved profile.</summary>
public sealed class CliContext : IDisposable
{
    // Long enough for a clock advance that settles many outcomes; unreachable servers fail at connect, long before.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private readonly ParseResult _parse;
    private readonly GlobalOptions _options;
    private WitnHttpClient? _client;

    public CliContext(ParseResult parse, GlobalOptions options, CliIo io)
    {
        _parse = parse;
        _options = options;
        Io = io;
        Json = parse.GetValue(options.Json);
        Quiet = parse.GetValue(options.Quiet);
        var noColor = parse.GetValue(options.NoColor) || io.Environment["NO_COLOR"] is string { Length: > 0 };
        Out = Terminal.Create(io.Out, io.OutRedirected || Json, noColor);
        Error = Terminal.Create(io.Error, io.ErrorRedirected, noColor);
        Profiles = ProfileStore.ForEnvironment(io.Environment);
    }

    public CliIo Io { get; }

    public bool Json { get; }

    /// <summary>--quiet: only ids, one per line.</summary>
    public bool Quiet { get; }

    public IAnsiConsole Out { get; }

    public IAnsiConsole Error { get; }

    public ProfileStore Profiles { get; }

    /// <summary>The server the client calls, once <see cref="Client"/> or <see cref="ResolveConnection"/> was asked.</summary>
    public Connection? Connection { get; private set; }

    /// <summary>Whether live progress can be drawn: an interactive terminal, and neither --json nor --no-color.</summary>
    public bool Live => Out.Profile.Capabilities.Interactive && Out.Profile.Capabilities.Ansi;

    public string? ProfileName => _parse.GetValue(_options.Profile);

    public Connection? ResolveConnection(bool required) =>
        Connection ??= ConnectionResolver.Resolve(Profiles.Load(), ProfileName, Io.Environment, required);

    public WitnHttpClient Client()
    {
        if (_client is null)
        {
            var connection = ResolveConnection(required: true)!;
            try
            {
                _client = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = connection.Url, ApiKey = connection.Key, Timeout = RequestTimeout });
            }
            catch (ArgumentException e)
            {
                throw Exit.CliFailure.Usage($"{connection.Source}: {e.Message}");
            }
        }

        return _client;
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => Client().SendJsonAsync(HttpMethod.Get, path, null, ct);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken ct) => Client().SendJsonAsync(HttpMethod.Post, path, body, ct);

    public async Task<List<JsonElement>> ListAsync(string path, CancellationToken ct)
    {
        var items = new List<JsonElement>();
        await foreach (var item in Client().ListJsonAsync(path, ct))
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>Prints <paramref name="json"/> as it came with --json, else the human page <paramref name="human"/> draws.</summary>
    public void Print(JsonElement json, Action<IAnsiConsole> human, string quietField = "id")
    {
        if (Quiet && JsonFields.Text(json, quietField) is { Length: > 0 } id)
        {
            Io.Out.WriteLine(id);
        }
        else if (Json)
        {
            Render.Json(Io.Out, json);
        }
        else
        {
            human(Out);
        }
    }

    /// <summary>A list as --json prints it: the items, all pages read (<c>{"data": [...]}</c>, no paging fields).</summary>
    public void PrintList(IReadOnlyList<JsonElement> items, params Column[] columns)
    {
        if (Quiet)
        {
            foreach (var item in items)
            {
                Io.Out.WriteLine(columns[0].Cell(item));
            }
        }
        else if (Json)
        {
            Render.Json(Io.Out, new { data = items });
        }
        else
        {
            Render.Table(Out, items, columns);
        }
    }

    public void Dispose() => _client?.Dispose();
}
