using System.Collections.Immutable;

namespace ActorCity.Grains.Domain;

/// <summary>
/// An aggregate's own copy of one task's newest <see cref="TaskFacts"/>, overwritten in place by each newer change.
/// Stored as the same JSON as the facts.
/// </summary>
/// <remarks>
/// Why a copy: holding the facts a task sent kept one new object per notification alive until the next collection
/// promoted it (the newest facts of every task touched). The copy lives as long as the aggregate, and the facts sent
/// die young. Facts are [Immutable] and may be held by others, so they are copied, never changed.
/// </remarks>
public sealed class HeldFacts
{
    public string TaskId { get; set; } = "";
    public long Sequence { get; set; }
    public TaskState State { get; set; }
    public string GridCode { get; set; } = "";
    public string DepartmentCode { get; set; } = "";
    public string CategoryCode { get; set; } = "";
    public string AssessmentCategory { get; set; } = "";
    public string CheckpointId { get; set; } = "";
    public EscalationLevel Escalation { get; set; }
    public DateTimeOffset? Deadline { get; set; }
    public bool Dispatched { get; set; }
    public bool Handled { get; set; }
    public bool HandledOnTime { get; set; }
    public bool ClosedOnTime { get; set; }
    public int Reworks { get; set; }
    public int Extensions { get; set; }
    public int Returns { get; set; }
    public int Recurrences { get; set; }
    public bool Overdue { get; set; }
    public bool ExcludedFromOnTime { get; set; }
    public ImmutableArray<int> EscalationCounts { get; set; } = [];
    public ImmutableArray<string> CoDepartments { get; set; } = [];

    public static HeldFacts Of(TaskFacts f)
    {
        var held = new HeldFacts();
        held.Set(f);
        return held;
    }

    /// <summary>Overwrites every field with <paramref name="f"/>'s.</summary>
    public void Set(TaskFacts f)
    {
        TaskId = f.TaskId;
        Sequence = f.Sequence;
        State = f.State;
        GridCode = f.GridCode;
        DepartmentCode = f.DepartmentCode;
        CategoryCode = f.CategoryCode;
        AssessmentCategory = f.AssessmentCategory;
        CheckpointId = f.CheckpointId;
        Escalation = f.Escalation;
        Deadline = f.Deadline;
        Dispatched = f.Dispatched;
        Handled = f.Handled;
        HandledOnTime = f.HandledOnTime;
        ClosedOnTime = f.ClosedOnTime;
        Reworks = f.Reworks;
        Extensions = f.Extensions;
        Returns = f.Returns;
        Recurrences = f.Recurrences;
        Overdue = f.Overdue;
        ExcludedFromOnTime = f.ExcludedFromOnTime;
        EscalationCounts = f.EscalationCounts;
        CoDepartments = f.CoDepartments;
    }
}
