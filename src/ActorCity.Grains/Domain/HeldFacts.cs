using System.Collections.Immutable;
using System.Runtime.InteropServices;

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

    /// <summary>
    /// Replaces the copy held for <paramref name="f"/>'s task when <paramref name="f"/> is newer: <paramref name="count"/>
    /// takes the old copy out of the aggregate's derived state (sign -1) before it is overwritten, and puts the new one in
    /// (sign 1). Returns the held copy, or null (and nothing changed) when the facts are not newer than the ones held.
    /// </summary>
    public static HeldFacts? ApplyNewer<TState>(Dictionary<string, HeldFacts> held, in TaskFacts f, TState state, Action<TState, HeldFacts, int> count)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(held, f.TaskId, out var had);
        if (!had)
        {
            slot = Of(f);
        }
        else if (slot!.Sequence >= f.Sequence)
        {
            return null;
        }
        else
        {
            count(state, slot, -1);
            slot.Set(f);
        }

        count(state, slot, 1);
        return slot;
    }

    public static HeldFacts Of(in TaskFacts f)
    {
        var held = new HeldFacts();
        held.Set(f);
        return held;
    }

    /// <summary>Overwrites every field with <paramref name="f"/>'s.</summary>
    public void Set(in TaskFacts f)
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
