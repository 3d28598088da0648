using System.Text.RegularExpressions;
using Witn.Cli.Exit;
using Witn.Cli.Input;
using Witn.Domain.Contracts;
using Witn.Domain.Definitions;
using Witn.Domain.Tenants;

namespace Witn.Cli.AsCode;

/// <summary>
/// Reads definitions and contracts as code from a file or a folder, offline, with the engine's own parsers (the
/// server's rules, lines and columns). A folder is searched for <c>outcomes/</c> and <c>contracts/</c> folders (or is
/// one); a single file is classified by the folder it is in, else by its first fields.
/// </summary>
public static partial class SourceLoader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Every file or folder of <paramref name="paths"/> (as <c>-f</c> gives them, in order).</summary>
    public static SourceSet Load(IEnumerable<string> paths, IReadOnlyCollection<string>? knownOutcomes = null)
    {
        var documents = new List<SourceDocument>();
        var problems = new List<SourceProblem>();
        var files = paths.SelectMany(Files).DistinctBy(f => Path.GetFullPath(f.File)).ToList();

        var knownForContracts = new HashSet<string>(knownOutcomes ?? [], StringComparer.Ordinal);
        var parsed = files.Select(f => (f.File, f.Kind, Text: InputFile.Read(f.File))).ToList();
        foreach (var (file, kind, text) in parsed.Where(p => p.Kind == SourceKind.Definition))
        {
            if (ReadDefinition(file, text, problems) is { } d)
            {
                documents.Add(d);
                knownForContracts.Add(d.Name);
            }
        }

        foreach (var (file, kind, text) in parsed.Where(p => p.Kind != SourceKind.Definition))
        {
            if (kind is null)
            {
                problems.Add(new SourceProblem(file, null, null, "", "cannot tell whether this is an outcome definition or a contract", "put it in an outcomes/ or contracts/ folder"));
            }
            else if (ReadContract(file, text, knownOutcomes is null ? null : knownForContracts, problems) is { } c)
            {
                documents.Add(c);
            }
        }

        foreach (var twice in documents.GroupBy(d => (d.Kind, d.Name)).Where(g => g.Count() > 1))
        {
            problems.Add(new SourceProblem(twice.Last().File, null, null, "", $"{twice.First().Label} is also in {twice.First().File}", "keep one file per definition and per tenant"));
        }

        return new SourceSet(documents, problems);
    }

    public static SourceSet Load(string path) => Load([path]);

    private static IEnumerable<(string File, SourceKind? Kind)> Files(string path)
    {
        if (File.Exists(path))
        {
            return [(path, KindOf(path, InputFile.Read(path)))];
        }

        if (!Directory.Exists(path))
        {
            throw CliFailure.Usage($"{path}: no such file or folder");
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar))!;
        var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase) && !Skipped(Path.GetRelativePath(path, f)))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, FolderKind(Path.GetRelativePath(parent, Path.GetFullPath(f)))))
            .Where(f => f.Item2 is not null)
            .ToList();
        return files.Count > 0 ? files : throw CliFailure.Usage($"{path} has no outcomes/*.yaml or contracts/*.yaml files");
    }

    // Build output and hidden folders (bin/, obj/, .git/) hold copies, not sources.
    private static bool Skipped(string relative) =>
        Path.GetDirectoryName(relative)!.Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj" || d.StartsWith('.'));

    private static SourceDocument? ReadDefinition(string file, string text, List<SourceProblem> problems)
    {
        var format = FormatOf(file);
        var result = OutcomeDefinition.Parse(text, format);
        if (!result.IsValid)
        {
            problems.AddRange(result.Errors.Select(e => new SourceProblem(file, e.Line, e.Column, e.Path, e.Message, e.Hint)));
            return null;
        }

        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file)));
        var status = folder is "shadow" or "retired" ? folder : "active";
        return new SourceDocument(SourceKind.Definition, file, text, format, result.Definition.Name, status, result.Definition, null);
    }

    private static SourceDocument? ReadContract(string file, string text, IReadOnlyCollection<string>? known, List<SourceProblem> problems)
    {
        var format = FormatOf(file);
        var result = Contract.Parse(text, format, known);
        if (!result.IsValid)
        {
            problems.AddRange(result.Errors.Select(e => new SourceProblem(file, e.Line, e.Column, e.Path, e.Message, e.Hint)));
            return null;
        }

        // A contract names its tenant (tenant:), or the file does (acme.yaml is acme's).
        var tenant = result.Contract.Tenant ?? Path.GetFileNameWithoutExtension(file);
        if (!TenantIds.IsValid(tenant))
        {
            problems.Add(new SourceProblem(file, null, null, "tenant", $"the contract names no tenant and '{tenant}' (the file name) is not a tenant id", "add tenant: <id> to the contract"));
            return null;
        }

        return new SourceDocument(SourceKind.Contract, file, text, format, tenant, null, null, result.Contract);
    }

    private static DefinitionFormat FormatOf(string file) =>
        string.Equals(Path.GetExtension(file), ".json", StringComparison.OrdinalIgnoreCase) ? DefinitionFormat.Json : DefinitionFormat.Yaml;

    // The nearest enclosing outcomes/ or contracts/ folder decides.
    private static SourceKind? FolderKind(string path)
    {
        for (var dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            switch (Path.GetFileName(dir))
            {
                case "outcomes":
                    return SourceKind.Definition;
                case "contracts":
                    return SourceKind.Contract;
            }
        }

        return null;
    }

    private static SourceKind? KindOf(string file, string text) =>
        FolderKind(Path.GetFullPath(file)) ?? (DefinitionField().IsMatch(text) ? SourceKind.Definition : ContractField().IsMatch(text) ? SourceKind.Contract : null);

    [GeneratedRegex(@"^\s*""?(correlate_by|qualify)""?\s*:", RegexOptions.Multiline)]
    private static partial Regex DefinitionField();

    [GeneratedRegex(@"^\s*""?(currency|prices|billing_period)""?\s*:", RegexOptions.Multiline)]
    private static partial Regex ContractField();
}
