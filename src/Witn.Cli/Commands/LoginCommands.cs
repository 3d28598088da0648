using System.CommandLine;
using System.Net;
using Spectre.Console;
using Witn.Cli.Exit;
using Witn.Cli.Output;
using Witn.Cli.Profiles;
using Witn.Client;

namespace Witn.Cli.Commands;

/// <summary><c>witn login</c> (save a profile, after checking the server knows the key) and <c>witn status</c> (readiness).</summary>
public static class LoginCommands
{
    public static Command Login(WitnCli cli)
    {
        var url = new Option<string>("--url") { Description = "the silo's HTTP address, e.g. http://127.0.0.1:5080", Required = true, HelpName = "url" };
        var key = new Option<string>("--key") { Description = "the API key (wk_…), or - to read it from stdin (kept out of the process list); stored in the profiles file (mode 0600), never printed", Required = true, HelpName = "key|-" };
        var makeDefault = new Option<bool>("--default") { Description = "make this profile the default (the first saved profile is the default anyway)" };
        var command = new Command("login", "Save a profile (server URL and key) after checking the server accepts the key; --profile names it ('default' otherwise)") { url, key, makeDefault };
        command.SetAction(cli.Action(async (ctx, parse, ct) =>
        {
            var name = ctx.ProfileName ?? ProfileStore.DefaultName;
            var given = parse.GetValue(key)!;
            var secret = given == "-" ? (await ctx.Io.In.ReadLineAsync(ct))?.Trim() ?? "" : given;
            var profile = new Profiles.Profile(parse.GetValue(url)!.TrimEnd('/'), secret);
            if (!Uri.TryCreate(profile.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw CliFailure.Usage($"--url '{profile.Url}' is not an http:// or https:// address, e.g. http://127.0.0.1:5080");
            }

            WitnHttpClient client;
            try
            {
                client = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = uri, ApiKey = profile.Key });
            }
            catch (ArgumentException)
            {
                throw CliFailure.Usage("--key is not a Witn API key (keys look like wk_<16 hex digits>_<secret>): use <data-dir>/admin.key or a key from 'witn keys create'");
            }

            using (client)
            {
                try
                {
                    // Any route that needs a key: 401 means the server does not know it; a 403 (a narrow scope) is a key it knows.
                    await client.SendJsonAsync(HttpMethod.Get, "v1/outcomes?limit=1", null, ct);
                }
                catch (WitnApiException e) when (e.Status == HttpStatusCode.Forbidden)
                {
                }
                catch (Exception e) when (ExitMapping.Describe(e, uri) is { } d)
                {
                    throw new CliFailure(d.Code, $"{d.Message}; the profile was not saved");
                }
            }

            var file = ctx.Profiles.Save(name, profile, parse.GetValue(makeDefault));
            ctx.Print(System.Text.Json.JsonSerializer.SerializeToElement(new { profile = name, url = profile.Url, key = KeyDisplay.Mask(profile.Key), @default = file.Default == name, file = ctx.Profiles.Path }),
                c => c.MarkupLine($"saved profile [bold]{Markup.Escape(name)}[/]{(file.Default == name ? " (the default)" : "")}: {Markup.Escape(profile.Url)}, key {Markup.Escape(KeyDisplay.Mask(profile.Key))}, in {Markup.Escape(ctx.Profiles.Path)}"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Status(WitnCli cli)
    {
        var command = new Command("status", "Whether the server is ready (GET /readyz), and which profile and key are used; exit 1 when not ready");
        command.SetAction(cli.Action(async (ctx, parse, ct) =>
        {
            var report = await ctx.Client().GetReadinessAsync(ct);
            var connection = ctx.Connection!;
            if (ctx.Json)
            {
                Render.Json(ctx.Io.Out, new { status = report.Status, checks = report.Checks, url = connection.Url, source = connection.Source, key = KeyDisplay.Mask(connection.Key) });
            }
            else
            {
                ctx.Out.MarkupLine($"{Render.Styled(report.IsReady ? "ready" : "not ready")} {Markup.Escape(connection.Url.ToString())} ({Markup.Escape(connection.Source)}, key {Markup.Escape(KeyDisplay.Mask(connection.Key))})");
                foreach (var (name, check) in report.Checks)
                {
                    ctx.Out.MarkupLine($"  {Markup.Escape(name)}: {Render.Styled(check.IsOk ? "ok" : "failed")} {Markup.Escape(check.Detail)}");
                }
            }

            return report.IsReady ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }
}
