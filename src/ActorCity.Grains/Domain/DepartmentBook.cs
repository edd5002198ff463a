using System.Collections.Immutable;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains.Domain;

/// <summary>A remembered StartNext result, so a retried command id returns it again.</summary>
[Immutable]
public sealed record RecentStart(string CommandId, StartNextResult Result);

/// <summary>Department grain state: crews, the queue of its Assigned tasks, and the newest facts of every task it has led.</summary>
[Immutable]
public sealed record DepartmentState
{
    public string CampaignId { get; init; } = "";
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public int Crews { get; init; }
    public bool Configured { get; init; }

    /// <summary>Whether escalation moves tasks up the queue (see <see cref="DepartmentSetup.EscalationFirst"/>).</summary>
    public bool EscalationFirst { get; init; } = true;

    /// <summary>Newest facts per task; tasks that moved to another department stay as tombstones (not counted) so late notifications are recognised.</summary>
    public ImmutableDictionary<string, TaskFacts> Tasks { get; init; } = ImmutableDictionary<string, TaskFacts>.Empty;
    public ImmutableSortedSet<QueueEntry> Queue { get; init; } = ImmutableSortedSet<QueueEntry>.Empty;
    public int Busy { get; init; }

    /// <summary>Open tasks led elsewhere that name this department as a co-department.</summary>
    public int SharedOpen { get; init; }

    public TaskCounters Counters { get; init; } = TaskCounters.Zero;
    public ImmutableArray<EscalationNotice> RecentNotices { get; init; } = [];
    public ImmutableArray<RecentStart> RecentStarts { get; init; } = [];
}

/// <summary>Pure department logic: applying task changes, the queue order, capacity.</summary>
public static class DepartmentBook
{
    public const int NoticesKept = 100;
    public const int StartsKept = 64;

    public static QueueEntry EntryOf(TaskFacts f, bool escalationFirst = true) =>
        new(f.TaskId, escalationFirst ? f.Escalation : EscalationLevel.None, f.Deadline ?? DateTimeOffset.MaxValue);

    /// <summary>Sets the queue policy; the queue is rebuilt when it changes so every entry follows the same order.</summary>
    public static DepartmentState WithEscalationFirst(DepartmentState s, bool escalationFirst)
    {
        if (s.EscalationFirst == escalationFirst)
        {
            return s;
        }

        var queue = ImmutableSortedSet<QueueEntry>.Empty.Union(
            s.Tasks.Values.Where(f => f.DepartmentCode == s.Code && f.State == TaskState.Assigned).Select(f => EntryOf(f, escalationFirst)));
        return s with { EscalationFirst = escalationFirst, Queue = queue };
    }

    /// <summary>Applies a task's newest facts; a notification not newer than the one held changes nothing.</summary>
    public static DepartmentState Apply(DepartmentState s, TaskChange change)
    {
        var f = change.Facts;
        var had = s.Tasks.TryGetValue(f.TaskId, out var old);
        if (had && old!.Sequence >= f.Sequence)
        {
            return s;
        }

        var counters = s.Counters;
        var queue = s.Queue;
        var busy = s.Busy;
        if (had && old!.DepartmentCode == s.Code)
        {
            counters = Aggregation.Add(counters, old, -1);
            if (old.State == TaskState.Assigned)
            {
                queue = queue.Remove(EntryOf(old, s.EscalationFirst));
            }
            else if (old.State == TaskState.InProgress)
            {
                busy--;
            }
        }

        if (f.DepartmentCode == s.Code)
        {
            counters = Aggregation.Add(counters, f, 1);
            if (f.State == TaskState.Assigned)
            {
                queue = queue.Add(EntryOf(f, s.EscalationFirst));
            }
            else if (f.State == TaskState.InProgress)
            {
                busy++;
            }
        }

        var shared = s.SharedOpen - (had && SharesOpen(old!, s.Code) ? 1 : 0) + (SharesOpen(f, s.Code) ? 1 : 0);
        var notices = s.RecentNotices;
        if (!change.Notices.IsDefaultOrEmpty && f.DepartmentCode == s.Code)
        {
            notices = Keep(notices.AddRange(change.Notices), NoticesKept);
        }

        return s with
        {
            Tasks = s.Tasks.SetItem(f.TaskId, f),
            Counters = counters,
            Queue = queue,
            Busy = busy,
            SharedOpen = shared,
            RecentNotices = notices,
        };
    }

    public static bool HasFreeCrew(DepartmentState s) => s.Busy < s.Crews;

    /// <summary>The department helps on an open task led by another (lead and co-department roles, 牵头/配合).</summary>
    public static bool SharesOpen(TaskFacts f, string code) =>
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

    public static DepartmentState RememberStart(DepartmentState s, string commandId, StartNextResult result) =>
        s with { RecentStarts = Keep(s.RecentStarts.Add(new RecentStart(commandId, result)), StartsKept) };

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

    private static ImmutableArray<T> Keep<T>(ImmutableArray<T> items, int max) =>
        items.Length <= max ? items : items.RemoveRange(0, items.Length - max);
}
