using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

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

    /// <summary>Where the aggregate keeps this copy: its place in <see cref="HeldFactsRows"/>, from 1 (0 when in none).</summary>
    [JsonIgnore]
    public int Row { get; internal set; }

    /// <summary>
    /// Replaces the copy held for <paramref name="f"/>'s task when <paramref name="f"/> is newer: <paramref name="count"/>
    /// takes the old copy out of the aggregate's derived state (sign -1) before it is overwritten, and puts the new one in
    /// (sign 1). <paramref name="rowHint"/> is where the task was told its copy is kept (0 if never); when it is right the
    /// copy is found there, else by the task id. Returns the copy's row, to tell the task; <paramref name="applied"/> is
    /// false (and nothing changed) when the facts are not newer than the ones held.
    /// </summary>
    public static int ApplyNewer<TState>(
        Dictionary<string, HeldFacts> held, HeldFactsRows rows, in TaskFacts f, int rowHint, TState state, Action<TState, HeldFacts, int> count, out bool applied)
    {
        rows.Index(held);
        var slot = rows.At(rowHint, f.TaskId);
        if (slot is null)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(held, f.TaskId, out var had);
            if (!had)
            {
                entry = Of(f);
                rows.Add(entry);
                count(state, entry, 1);
                applied = true;
                return entry.Row;
            }

            slot = entry!;
            rows.Ensure(slot);
        }

        if (slot.Sequence >= f.Sequence)
        {
            applied = false;
            return slot.Row;
        }

        count(state, slot, -1);
        slot.Set(f);
        count(state, slot, 1);
        applied = true;
        return slot.Row;
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

/// <summary>
/// An aggregate's held copies by row, in the order first seen: an index beside the task-id dictionary (not stored), so a
/// task that names its row is found without a hash lookup. Built as tasks are seen; a copy the dictionary holds but the
/// rows do not (after loading, or after the dictionary was replaced) is added when next found by id.
/// </summary>
public sealed class HeldFactsRows
{
    private readonly List<HeldFacts> _rows = [];
    private Dictionary<string, HeldFacts>? _of;

    public int Count => _rows.Count;

    /// <summary>The copy at <paramref name="row"/> when it is <paramref name="taskId"/>'s; null otherwise.</summary>
    public HeldFacts? At(int row, string taskId)
    {
        if ((uint)(row - 1) < (uint)_rows.Count)
        {
            var held = _rows[row - 1];
            if (ReferenceEquals(held.TaskId, taskId) || held.TaskId == taskId)
            {
                return held;
            }
        }

        return null;
    }

    public void Add(HeldFacts held)
    {
        _rows.Add(held);
        held.Row = _rows.Count;
    }

    /// <summary>Adds <paramref name="held"/> unless it already has its row here.</summary>
    public void Ensure(HeldFacts held)
    {
        if ((uint)(held.Row - 1) >= (uint)_rows.Count || !ReferenceEquals(_rows[held.Row - 1], held))
        {
            Add(held);
        }
    }

    /// <summary>
    /// Makes these the rows of <paramref name="held"/>: rows of another dictionary (the aggregate's was replaced, as
    /// loading does) are dropped, so a row never leads to a copy the dictionary no longer holds.
    /// </summary>
    public void Index(Dictionary<string, HeldFacts> held)
    {
        if (!ReferenceEquals(_of, held))
        {
            _rows.Clear();
            _of = held;
        }
    }
}
