namespace Witn.Storage.Migrations;

/// <summary>One numbered SQL script embedded in this assembly (<c>NNNN_description.sql</c>).</summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum);
