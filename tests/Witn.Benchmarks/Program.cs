using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Witn.Benchmarks;

// dotnet run -c Release --project tests/Witn.Benchmarks -- <scenario> [--json PATH] [--size N] [--quick]
var names = Scenarios.All.Select(s => s.Name).ToArray();
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: Witn.Benchmarks <scenario> [--json PATH] [--size N] [--quick]");
    foreach (var s in Scenarios.All)
    {
        Console.WriteLine($"  {s.Name,-18} {s.Description}");
    }

    return args.Length == 0 ? 1 : 0;
}

var scenario = Scenarios.All.FirstOrDefault(s => s.Name == args[0]);
if (scenario is null)
{
    Console.Error.WriteLine($"unknown scenario '{args[0]}'; known: {string.Join(", ", names)}");
    return 1;
}

string? jsonPath = null;
for (var i = 1; i < args.Length; i++)
{
    if (args[i] == "--json" && i + 1 < args.Length)
    {
        jsonPath = args[++i];
    }
    else if (args[i] == "--size" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && size > 0)
    {
        RunOptions.Size = size;
        i++;
    }
    else if (args[i] == "--quick")
    {
        RunOptions.Quick = true;
    }
    else
    {
        Console.Error.WriteLine($"unknown argument '{args[i]}'");
        return 1;
    }
}

#if DEBUG
Console.Error.WriteLine("warning: Debug build; numbers are meaningless. Use -c Release.");
#endif

var machine = Machine.Describe();
Console.WriteLine($"scenario: {scenario.Name}");
Console.WriteLine($"machine:  {machine}");
var results = scenario.Run(Console.Out);

Console.WriteLine();
var width = Math.Max(4, results.Max(r => r.Name.Length));
Console.WriteLine($"{"name".PadRight(width)}  {"value",16}  unit");
Console.WriteLine($"{new string('-', width)}  {new string('-', 16)}  ----");
foreach (var r in results)
{
    Console.WriteLine($"{r.Name.PadRight(width)}  {r.Value.ToString("N1", CultureInfo.InvariantCulture),16}  {r.Unit}");
}

if (jsonPath is not null)
{
    var report = new { scenario = scenario.Name, machine, results = results.Select(r => new { name = r.Name, value = Math.Round(r.Value, 1), unit = r.Unit }) };
    File.WriteAllText(jsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    Console.WriteLine($"\nwrote {jsonPath}");
}

return 0;
