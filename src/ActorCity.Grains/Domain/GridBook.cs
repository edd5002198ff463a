using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ActorCity.Grains.Domain;

/// <summary>
/// Grid grain state: its setup, the newest facts of every task in it, and its latest notices. Changed in place by
/// <see cref="GridBook.Apply"/>; the counts are derived from the facts (rebuilt after loading), so only facts are stored.
/// </summary>
public sealed class GridState : IJsonOnDeserialized
{
    private Tally _tally;

    public string CampaignId { get; set; } = "";

    /// <summary>The grid's code, known from the first change applied: tasks of other grids are held but not counted.</summary>
    public string Code { get; set; } = "";

    public GridSetup? Setup { get; set; }

    public Dictionary<string, HeldFacts> Tasks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The held copies by row, for tasks that name theirs (<see cref="TaskChange.Row"/>); not stored.</summary>
    [JsonIgnore]
    public HeldFactsRows Rows { get; } = new();

    /// <summary>The newest notices, oldest first, at most <see cref="GridBook.NoticesKept"/>.</summary>
    public List<EscalationNotice> RecentNotices { get; set; } = [];

    [JsonIgnore]
    public TaskCounters Counters => _tally.ToCounters();

    [JsonIgnore]
    internal ref Tally Tally => ref _tally;

    void IJsonOnDeserialized.OnDeserialized()
    {
        _tally = default;
        foreach (var f in Tasks.Values)
        {
            GridBook.Count(this, f, 1);
        }
    }
}

/// <summary>Grid logic: applying task changes in place, notices to the chief and the responsible leader, inspection views.</summary>
public static class GridBook
{
    public const int NoticesKept = 100;

    private static readonly Action<GridState, HeldFacts, int> s_count = Count;

    /// <summary>Applies a task's newest facts in place; false (and nothing changed) when they are not newer than the ones held.</summary>
    public static bool Apply(GridState s, in TaskChange change, string gridCode) => Apply(s, change, gridCode, out _);

    /// <summary>As <see cref="Apply(GridState, in TaskChange, string)"/>; <paramref name="row"/> is where the grid keeps the task, to tell it.</summary>
    public static bool Apply(GridState s, in TaskChange change, string gridCode, out int row)
    {
        s.Code = gridCode;
        row = HeldFacts.ApplyNewer(s.Tasks, s.Rows, change.Facts, change.Row, s, s_count, out var applied);
        if (!applied)
        {
            return false;
        }

        if (!change.Notices.IsDefaultOrEmpty)
        {
            var setup = s.Setup;
            foreach (var n in change.Notices)
            {
                s.RecentNotices.Add(setup is null ? n : n with { Recipients = [n.DepartmentCode, setup.ChiefId, setup.ResponsibleLeaderId] });
            }

            Trim(s.RecentNotices, NoticesKept);
        }

        return true;
    }

    /// <summary>Adds (sign 1) or removes (sign -1) one task's part in the counts: only tasks of this grid count.</summary>
    internal static void Count(GridState s, HeldFacts f, int sign)
    {
        if (f.GridCode == s.Code)
        {
            s.Tally.Add(f, sign);
        }
    }

    internal static void Trim<T>(List<T> items, int max)
    {
        if (items.Count > max)
        {
            items.RemoveRange(0, items.Count - max);
        }
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
