namespace Witn.Cli.AsCode;

/// <summary>What a file of definitions-as-code holds: an outcome definition (<c>outcomes/</c>) or a tenant's contract (<c>contracts/</c>).</summary>
public enum SourceKind
{
    Definition,
    Contract,
}
