using Witn.Domain.Disputes;

namespace Witn.Api.Portal;

/// <summary>The disputes' names as a customer reads them on the portal (the API's names stay in <see cref="DisputeNames"/>).</summary>
public static class PortalDisputeText
{
    public static string Reason(DisputeReason reason) => reason switch
    {
        DisputeReason.NotAchieved => "The outcome was not achieved",
        DisputeReason.NotAsDefined => "It is not the outcome the contract defines",
        DisputeReason.Duplicate => "It duplicates another charge",
        DisputeReason.HumanDidTheWork => "A person, not the agent, did the work",
        DisputeReason.AgentError => "The agent made an error",
        _ => "Another reason",
    };

    public static string Status(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => "open",
        DisputeStatus.UnderReview => "under review",
        DisputeStatus.Credited => "credited",
        DisputeStatus.Rejected => "rejected",
        _ => "withdrawn",
    };

    /// <summary>Who wrote a message, as the customer sees it: themselves, or the vendor's team.</summary>
    public static string Author(DisputeMessage message) =>
        message?.Kind == DisputeAuthor.Customer ? "You" : "Billing team";
}
