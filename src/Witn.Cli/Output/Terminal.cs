using Spectre.Console;

namespace Witn.Cli.Output;

/// <summary>
/// The consoles a command writes to: colours and live progress only on a terminal and without <c>--no-color</c>
/// (or <c>NO_COLOR</c>); redirected output is plain text a script can read, in wide lines so that tables don't wrap.
/// </summary>
public static class Terminal
{
    private const int RedirectedWidth = 160;

    public static IAnsiConsole Create(TextWriter writer, bool redirected, bool noColor)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = noColor || redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = noColor || redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(writer),
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
