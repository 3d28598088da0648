using System.Net;
using System.Text.Json;
using Witn.Client;

namespace Witn.Cli.Exit;

/// <summary>The one rule from what went wrong to an exit code and the one line that says what to do.</summary>
public static class ExitMapping
{
    /// <summary>The exit code and message for <paramref name="error"/>; null for an exception that is a defect (let it crash with its stack).</summary>
    public static (int Code, string Message)? Describe(Exception error, Uri? server)
    {
        var where = server is null ? "the server" : server.ToString().TrimEnd('/');
        return error switch
        {
            CliFailure f => (f.ExitCode, f.Message),
            WitnApiException { Status: HttpStatusCode.Unauthorized } a =>
                (ExitCodes.Unauthorized, $"{where} refused the key: {Detail(a)} (log in again with 'witn login --url … --key …' or set WITN_KEY)"),
            WitnApiException { Status: HttpStatusCode.Forbidden } a =>
                (ExitCodes.Unauthorized, $"the key may not do this: {Detail(a)}"),
            WitnApiException { InnerException: JsonException } a => (ExitCodes.Failed, a.Message),
            WitnApiException a when (int)a.Status >= 500 => (ExitCodes.Unreachable, $"{where} could not answer: {OneLine(a)}"),
            WitnApiException a => (ExitCodes.Failed, OneLine(a)),
            HttpRequestException h => (ExitCodes.Unreachable, $"cannot reach {where}: {h.Message} (is the silo running? check the URL of the profile or WITN_URL)"),
            TaskCanceledException => (ExitCodes.Unreachable, $"{where} did not answer in time (is the silo overloaded or the URL wrong?)"),
            _ => null,
        };
    }

    private static string Detail(WitnApiException a) => string.IsNullOrEmpty(a.Detail) ? a.Title : a.Detail;

    // The problem's title, detail and field errors (those the detail does not already say) on one line: a script's log keeps it together.
    private static string OneLine(WitnApiException a)
    {
        var text = $"{(int)a.Status} {a.Title}" + (string.IsNullOrEmpty(a.Detail) ? "" : $": {a.Detail}");
        foreach (var e in a.Errors.Where(e => a.Detail?.Contains(e.Message, StringComparison.Ordinal) != true))
        {
            text += $"; {e.Path}: {e.Message}" + (e.Hint is null ? "" : $" ({e.Hint})");
        }

        return text;
    }
}
