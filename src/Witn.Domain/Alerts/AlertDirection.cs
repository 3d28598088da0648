namespace Witn.Domain.Alerts;

/// <summary>Which side of a limit or baseline is a breach.</summary>
public enum AlertDirection
{
    Above,
    Below,
    Either,
}
