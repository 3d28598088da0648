namespace Witn.Domain.Contracts;

/// <summary>How a meter turns a period's events into a quantity.</summary>
public enum MeterAggregate
{
    /// <summary>The number of events.</summary>
    Count,

    /// <summary>The sum of a numeric property.</summary>
    Sum,

    /// <summary>The largest value of a numeric property.</summary>
    Max,

    /// <summary>The number of distinct values of a property.</summary>
    UniqueCount,
}
