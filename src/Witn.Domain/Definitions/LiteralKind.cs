namespace Witn.Domain.Definitions;

public enum LiteralKind
{
    Null,
    Boolean,
    Number,
    String,
    List,
}
