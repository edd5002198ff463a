using System.Collections.Immutable;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains.Domain;

/// <summary>Grid grain state: its setup and the newest facts of every task in it.</summary>
[Immutable]
public sealed record GridState
{
    public string CampaignId { get; init; } = "";
    public GridSetup? Setup { get; init; }
    public ImmutableDictionary<string, TaskFacts> Tasks { get; init; } = ImmutableDictionary<string, TaskFacts>.Empty;
    public TaskCounters Counters { get; init; } = TaskCounters.Zero;
    public ImmutableArray<EscalationNotice> RecentNotices { get; init; } = [];
}

/// <summary>Pure grid logic: applying task changes, notices to the chief and the responsible leader, inspection views.</summary>
public static class GridBook
{
    public const int NoticesKept = 100;

    public static GridState Apply(GridState s, TaskChange change, string gridCode)
    {
        var f = change.Facts;
        var had = s.Tasks.TryGetValue(f.TaskId, out var old);
        if (had && old!.Sequence >= f.Sequence)
        {
            return s;
        }

        var counters = s.Counters;
        if (had && old!.GridCode == gridCode)
        {
            counters = Aggregation.Add(counters, old, -1);
        }

        if (f.GridCode == gridCode)
        {
            counters = Aggregation.Add(counters, f, 1);
        }

        var notices = s.RecentNotices;
        if (!change.Notices.IsDefaultOrEmpty)
        {
            var setup = s.Setup;
            var builder = notices.ToBuilder();
            foreach (var n in change.Notices)
            {
                builder.Add(setup is null ? n : n with { Recipients = [n.DepartmentCode, setup.ChiefId, setup.ResponsibleLeaderId] });
            }

            if (builder.Count > NoticesKept)
            {
                builder.RemoveRange(0, builder.Count - NoticesKept);
            }

            notices = builder.ToImmutable();
        }

        return s with { Tasks = s.Tasks.SetItem(f.TaskId, f), Counters = counters, RecentNotices = notices };
    }

    /// <summary>Tasks named publicly (public notice or above) and still open, ordered by task id.</summary>
    public static ImmutableArray<NoticedTask> NamedTasks(GridState s, string gridCode) =>
        [.. s.Tasks.Values
            .Where(f => f.GridCode == gridCode && f.Escalation >= EscalationLevel.PublicNotice && EscalationLadder.ClockRuns(f.State))
            .OrderBy(f => f.TaskId, StringComparer.Ordinal)
            .Select(f => new NoticedTask(f.TaskId, f.GridCode, f.DepartmentCode, f.Escalation, f.Deadline))];

    /// <summary>Checkpoints (by id) with the open problems at them (by task id); problems at unknown checkpoints are left out.</summary>
    public static ImmutableArray<CheckpointView> Checkpoints(GridState s, string gridCode)
    {
        if (s.Setup is null)
        {
            return [];
        }

        var open = new Dictionary<string, List<OpenProblem>>(StringComparer.Ordinal);
        foreach (var f in s.Tasks.Values)
        {
            if (f.GridCode == gridCode && f.CheckpointId.Length > 0 && Aggregation.IsOpen(f.State))
            {
                if (!open.TryGetValue(f.CheckpointId, out var list))
                {
                    open[f.CheckpointId] = list = [];
                }

                list.Add(new OpenProblem(f.TaskId, f.CategoryCode, f.AssessmentCategory));
            }
        }

        return [.. s.Setup.Checkpoints
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new CheckpointView(
                c,
                gridCode,
                open.TryGetValue(c.Id, out var list)
                    ? [.. list.OrderBy(p => p.TaskId, StringComparer.Ordinal)]
                    : []))];
    }

    public static void AuthorizeOwn(string gridCode, CommandContext ctx, string name)
    {
        if (string.IsNullOrWhiteSpace(ctx.CommandId))
        {
            throw new DomainException(DomainErrors.InvalidCommand, $"'{name}' needs a command id.");
        }

        if (ctx.Role == ActorRole.Headquarters || (ctx.Role == ActorRole.Grid && ctx.Scope == gridCode))
        {
            return;
        }

        throw new DomainException(
            ctx.Role == ActorRole.Grid ? DomainErrors.OutOfScope : DomainErrors.RoleNotAllowed,
            $"{ctx.Role} '{ctx.Scope}' may not '{name}' grid '{gridCode}': only headquarters or the grid itself.");
    }
}
