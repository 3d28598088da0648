namespace Witn.Domain.Evaluation;

public enum ReviewVerdict
{
    Approve,
    Reject,
}
