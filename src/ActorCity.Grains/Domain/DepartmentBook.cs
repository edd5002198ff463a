using System.Text.Json.Serialization;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains.Domain;

/// <summary>A remembered StartNext result, so a retried command id returns it again.</summary>
[Immutable]
public sealed record RecentStart(string CommandId, StartNextResult Result);

/// <summary>
/// Department grain state: crews, the newest facts of every task it has led, its latest notices and starts. Changed in
/// place by <see cref="DepartmentBook.Apply"/>. The queue of its Assigned tasks, the busy crews, the shared tasks and
/// the counts are derived from the facts (rebuilt after loading), so only facts are stored.
/// </summary>
public sealed class DepartmentState : IJsonOnDeserialized
{
    private Tally _tally;

    public string CampaignId { get; set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int Crews { get; set; }
    public bool Configured { get; set; }

    /// <summary>Whether escalation moves tasks up the queue (see <see cref="DepartmentSetup.EscalationFirst"/>).</summary>
    public bool EscalationFirst { get; set; } = true;

    /// <summary>Newest facts per task; tasks that moved to another department stay as tombstones (not counted) so late notifications are recognised.</summary>
    public Dictionary<string, HeldFacts> Tasks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The held copies by row, for tasks that name theirs (<see cref="TaskChange.Row"/>); not stored.</summary>
    [JsonIgnore]
    public HeldFactsRows Rows { get; } = new();

    /// <summary>The newest notices, oldest first, at most <see cref="DepartmentBook.NoticesKept"/>.</summary>
    public List<EscalationNotice> RecentNotices { get; set; } = [];

    /// <summary>The newest StartNext results, oldest first, at most <see cref="DepartmentBook.StartsKept"/>.</summary>
    public List<RecentStart> RecentStarts { get; set; } = [];

    /// <summary>This department's Assigned tasks in the order crews take them.</summary>
    [JsonIgnore]
    public ChunkedSortedSet<QueueEntry> Queue { get; private set; } = [];

    [JsonIgnore]
    public int Busy { get; internal set; }

    /// <summary>Open tasks led elsewhere that name this department as a co-department.</summary>
    [JsonIgnore]
    public int SharedOpen { get; internal set; }

    [JsonIgnore]
    public TaskCounters Counters => _tally.ToCounters();

    [JsonIgnore]
    internal ref Tally Tally => ref _tally;

    void IJsonOnDeserialized.OnDeserialized() => DepartmentBook.Rebuild(this);

    internal void ResetDerived()
    {
        _tally = default;
        Queue = [];
        Busy = 0;
        SharedOpen = 0;
    }
}

/// <summary>Department logic: applying task changes in place, the queue order, capacity.</summary>
public static class DepartmentBook
{
    public const int NoticesKept = 100;
    public const int StartsKept = 64;

    private static readonly Action<DepartmentState, HeldFacts, int> s_count = Count;

    public static QueueEntry EntryOf(HeldFacts f, bool escalationFirst = true) =>
        new(f.TaskId, escalationFirst ? f.Escalation : EscalationLevel.None, f.Deadline ?? DateTimeOffset.MaxValue);

    /// <summary>Sets the queue policy; the queue is rebuilt when it changes so every entry follows the same order.</summary>
    public static void SetEscalationFirst(DepartmentState s, bool escalationFirst)
    {
        if (s.EscalationFirst != escalationFirst)
        {
            s.EscalationFirst = escalationFirst;
            Rebuild(s);
        }
    }

    /// <summary>Derives the queue, busy crews, shared tasks and counts from the facts held.</summary>
    public static void Rebuild(DepartmentState s)
    {
        s.ResetDerived();
        foreach (var f in s.Tasks.Values)
        {
            Count(s, f, 1);
        }
    }

    /// <summary>Applies a task's newest facts in place; false (and nothing changed) when they are not newer than the ones held.</summary>
    public static bool Apply(DepartmentState s, in TaskChange change) => Apply(s, change, out _);

    /// <summary>As <see cref="Apply(DepartmentState, in TaskChange)"/>; <paramref name="row"/> is where the department keeps the task, to tell it.</summary>
    public static bool Apply(DepartmentState s, in TaskChange change, out int row)
    {
        var f = change.Facts;
        row = HeldFacts.ApplyNewer(s.Tasks, s.Rows, f, change.Row, s, s_count, out var applied);
        if (!applied)
        {
            return false;
        }

        if (!change.Notices.IsDefaultOrEmpty && f.DepartmentCode == s.Code)
        {
            s.RecentNotices.AddRange(change.Notices);
            GridBook.Trim(s.RecentNotices, NoticesKept);
        }

        return true;
    }

    /// <summary>Adds (sign 1) or removes (sign -1) one task's part in the counts, the queue, the busy crews and the shared tasks.</summary>
    private static void Count(DepartmentState s, HeldFacts f, int sign)
    {
        if (f.DepartmentCode == s.Code)
        {
            s.Tally.Add(f, sign);
            if (f.State == TaskState.Assigned)
            {
                if (sign > 0)
                {
                    s.Queue.Add(EntryOf(f, s.EscalationFirst));
                }
                else
                {
                    s.Queue.Remove(EntryOf(f, s.EscalationFirst));
                }
            }
            else if (f.State == TaskState.InProgress)
            {
                s.Busy += sign;
            }
        }
        else if (SharesOpen(f, s.Code))
        {
            s.SharedOpen += sign;
        }
    }

    public static bool HasFreeCrew(DepartmentState s) => s.Busy < s.Crews;

    /// <summary>The department helps on an open task led by another (lead and co-department roles, 牵头/配合).</summary>
    public static bool SharesOpen(HeldFacts f, string code) =>
        f.DepartmentCode != code && Aggregation.IsOpen(f.State) && !f.CoDepartments.IsDefault && f.CoDepartments.Contains(code);

    public static StartNextResult? FindStart(DepartmentState s, string commandId)
    {
        foreach (var recent in s.RecentStarts)
        {
            if (recent.CommandId == commandId)
            {
                return recent.Result;
            }
        }

        return null;
    }

    public static void RememberStart(DepartmentState s, string commandId, StartNextResult result)
    {
        s.RecentStarts.Add(new RecentStart(commandId, result));
        GridBook.Trim(s.RecentStarts, StartsKept);
    }

    public static void AuthorizeOwn(DepartmentState s, CommandContext ctx, string name)
    {
        if (string.IsNullOrWhiteSpace(ctx.CommandId))
        {
            throw new DomainException(DomainErrors.InvalidCommand, $"'{name}' needs a command id.");
        }

        if (ctx.Role == ActorRole.Headquarters || (ctx.Role == ActorRole.Department && ctx.Scope == s.Code))
        {
            return;
        }

        throw new DomainException(
            ctx.Role == ActorRole.Department ? DomainErrors.OutOfScope : DomainErrors.RoleNotAllowed,
            $"{ctx.Role} '{ctx.Scope}' may not '{name}' department '{s.Code}': only headquarters or the department itself.");
    }
}
