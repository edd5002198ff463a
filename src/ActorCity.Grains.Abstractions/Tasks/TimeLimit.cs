using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains;

/// <summary>A time limit (整改时限) in working hours or working days.</summary>
[Immutable]
public sealed record TimeLimit(int Amount, TimeLimitUnit Unit)
{
    public static TimeLimit Hours(int amount) => new(amount, TimeLimitUnit.WorkingHours);

    public static TimeLimit Days(int amount) => new(amount, TimeLimitUnit.WorkingDays);

    public override string ToString() => Unit == TimeLimitUnit.WorkingHours ? $"{Amount} working hours" : $"{Amount} working days";
}
