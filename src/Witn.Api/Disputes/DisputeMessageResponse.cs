using Witn.Domain.Disputes;

namespace Witn.Api.Disputes;

/// <summary>One message of a dispute's thread: whom it speaks for (<c>customer</c>|<c>operator</c>), who wrote it (a key id, or the portal), what, when.</summary>
public sealed record DisputeMessageResponse(string AuthorKind, string Author, string Text, DateTimeOffset At)
{
    public static DisputeMessageResponse From(DisputeMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(DisputeNames.Of(m.Kind), m.Author, m.Text, m.At);
    }
}
