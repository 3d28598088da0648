using Witn.Domain.Evidence;

namespace Witn.Api.Ledger;

/// <summary>Reads what the API shows from a stored evidence bundle.</summary>
public static class EvidenceText
{
    public static string SummaryOf(string evidenceJson)
    {
        try
        {
            return EvidenceJson.Read(evidenceJson).Summary;
        }
        catch (FormatException)
        {
            return "";
        }
    }
}
