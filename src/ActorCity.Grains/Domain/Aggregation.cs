namespace ActorCity.Grains.Domain;

/// <summary>Facts and counts of tasks: what aggregates add up. An aggregate is exactly the sum of <see cref="Count"/> over its tasks.</summary>
public static class Aggregation
{
    public static TaskFacts FactsOf(TaskRecord t) => FactsOf(new LiveTask(t));

    /// <summary>The facts of a task as they stand, made anew: the task changes in place, the facts sent never do.</summary>
    public static TaskFacts FactsOf(LiveTask t) => new(
        t.Case.TaskId,
        t.LastSequence,
        t.State,
        t.Case.GridCode,
        t.LeadDepartment,
        t.Case.CategoryCode,
        t.Case.AssessmentCategory,
        t.Case.CheckpointId,
        t.Escalation,
        t.Deadline,
        t.DispatchedAt is not null,
        t.FirstHandledAt is not null,
        t.HandledOnTime,
        t.ClosedOnTime,
        t.Reworks,
        t.Extensions,
        t.Returns,
        t.Recurrences,
        t.Overdue,
        t.ExcludedFromOnTime,
        t.EscalationCounts)
    {
        CoDepartments = t.CoDepartments.IsDefault ? [] : t.CoDepartments,
    };

    /// <summary>Is the problem still visible on the ground (an inspector would find it)?</summary>
    public static bool IsOpen(TaskState state) => state is not (TaskState.Closed or TaskState.Cancelled);

    /// <summary>The counts of one task.</summary>
    public static TaskCounters Count(TaskFacts f) => Add(TaskCounters.Zero, f, 1);

    /// <summary><paramref name="c"/> plus (sign 1) or minus (sign -1) the counts of one task.</summary>
    public static TaskCounters Add(TaskCounters c, TaskFacts f, int sign)
    {
        var tally = Tally.Of(c);
        tally.Add(f, sign);
        return tally.ToCounters();
    }

    /// <summary>Sum of two counter sets.</summary>
    public static TaskCounters Sum(TaskCounters a, TaskCounters b)
    {
        var tally = Tally.Of(a);
        tally.Add(Tally.Of(b));
        return tally.ToCounters();
    }
}
