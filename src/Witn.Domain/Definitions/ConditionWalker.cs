namespace Witn.Domain.Definitions;

internal static class ConditionWalker
{
    public static IEnumerable<string> Types(OutcomeDefinition definition)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        Collect(definition.Qualify, types);
        Collect(definition.ReverseOn, types);
        Collect(definition.ReviewWhen, types);
        return types;
    }

    /// <summary>Every condition node (all, any, not and leaves) of qualify, reverse_on and review_when.</summary>
    public static int Count(OutcomeDefinition definition) => Count(definition.Qualify) + Count(definition.ReverseOn) + Count(definition.ReviewWhen);

    private static int Count(Condition? condition) => condition switch
    {
        null => 0,
        AllCondition all => 1 + all.Conditions.Sum(Count),
        AnyCondition any => 1 + any.Conditions.Sum(Count),
        NotCondition not => 1 + Count(not.Condition),
        _ => 1,
    };

    public static void Collect(Condition? condition, HashSet<string> types)
    {
        switch (condition)
        {
            case AllCondition all:
                foreach (var c in all.Conditions)
                {
                    Collect(c, types);
                }

                break;
            case AnyCondition any:
                foreach (var c in any.Conditions)
                {
                    Collect(c, types);
                }

                break;
            case NotCondition not:
                Collect(not.Condition, types);
                break;
            case SeenCondition seen:
                types.Add(seen.Type);
                if (seen.After is { } after)
                {
                    types.Add(after);
                }

                if (seen.Before is { } before)
                {
                    types.Add(before);
                }

                break;
            case CountCondition count:
                types.Add(count.Of);
                break;
            case DistinctCondition distinct:
                types.Add(distinct.Of);
                break;
            case SumCondition sum:
                types.Add(sum.Of);
                break;
            case SequenceCondition sequence:
                foreach (var t in sequence.Types)
                {
                    types.Add(t);
                }

                break;
        }
    }
}
