using System.Security.Cryptography;
using System.Text;

namespace Witn.Domain.Evidence;

/// <summary>
/// The fingerprint a dispute keeps of what it disputed: lowercase hex SHA-256 of the evidence bundle exactly as
/// <c>GET /v1/charges/{id}/evidence</c> returns it (UTF-8), so anyone holding the bundle can check it.
/// </summary>
public static class EvidenceHash
{
    /// <summary>The hash of a stored bundle (<paramref name="storedJson"/>, as the ledger holds it) in its documented form.</summary>
    public static string Of(string storedJson) => OfDocument(EvidenceJson.Write(EvidenceJson.Read(storedJson)));

    /// <summary>The hash of the bundle document as served.</summary>
    public static string OfDocument(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
}
