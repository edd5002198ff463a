using System.Collections.Immutable;
using ActorCity.Grains.Domain;
using ActorCity.Runtime;
using ActorCity.Runtime.Storage;

namespace ActorCity.Grains;

/// <summary>
/// Functional department grain (职能部门). Keeps its queue and counts from task notifications; starts work through
/// <see cref="StartNextAsync"/>, which respects crew capacity and the queue order.
/// </summary>
public sealed class DepartmentGrain : Grain, IDepartmentGrain
{
    private const int StaleEntriesSkipped = 16;
    private readonly IPersistentState<DepartmentState> _state;
    private readonly StateWriter<DepartmentState> _writer;

    public DepartmentGrain([PersistentState("department")] IPersistentState<DepartmentState> state)
    {
        _state = state;
        // An aggregate applies a change in place and then writes it. When the write fails, the caller (the task telling
        // it) fails too and will tell it again; the activation goes, so the aggregate is read back as stored and the
        // retold change is newer than what it holds, applied and written, instead of being ignored as already known.
        _writer = new StateWriter<DepartmentState>(state, DeactivateOnIdle);
    }

    private DepartmentState State
    {
        get
        {
            var s = _state.State ??= new DepartmentState();
            if (s.Code.Length == 0)
            {
                (s.CampaignId, s.Code) = KeyParts.Split(this.GetPrimaryKeyString(), "dept");
            }

            return s;
        }
    }

    public Task ConfigureAsync(CommandContext ctx, DepartmentSetup setup)
    {
        var s = State;
        DepartmentBook.AuthorizeOwn(s, ctx, "configure");
        if (setup.Code != s.Code || setup.Crews < 0)
        {
            throw new DomainException(DomainErrors.InvalidCommand, $"Setup for '{setup.Code}' with {setup.Crews} crews does not fit department '{s.Code}': codes must match, crews must be 0 or more.");
        }

        DepartmentBook.SetEscalationFirst(s, setup.EscalationFirst);
        s.Name = setup.Name;
        s.Crews = setup.Crews;
        s.Configured = true;
        return _writer.WriteAsync();
    }

    public async Task<StartNextResult> StartNextAsync(CommandContext ctx)
    {
        var s = State;
        DepartmentBook.AuthorizeOwn(s, ctx, "start-next");
        if (!s.Configured)
        {
            throw new DomainException(DomainErrors.DepartmentNotConfigured, $"Department '{s.Code}' has no crews configured.");
        }

        if (DepartmentBook.FindStart(s, ctx.CommandId) is { } earlier)
        {
            return earlier;
        }

        string? started = null;
        for (var attempt = 0; attempt < StaleEntriesSkipped && started is null; attempt++)
        {
            s = State;
            if (!DepartmentBook.HasFreeCrew(s) || s.Queue.Count == 0)
            {
                break;
            }

            var entry = s.Queue.Min;
            try
            {
                // The task notifies this grain (an interleaving call) before Start returns, so the queue and crew count are current after the await.
                await GrainFactory.GetGrain<ITaskGrain>(entry.TaskId).Start(ctx with { CommandId = string.Concat(ctx.CommandId, ":", entry.TaskId) });
                started = entry.TaskId;
            }
            catch (DomainException e) when (e.Code is DomainErrors.InvalidTransition or DomainErrors.OutOfScope)
            {
                // A stale entry: this department missed a change of the task (its notification failed, and the task was
                // not retried). Take the task's current facts, so the queue, the crews and the counts catch up and are
                // stored; only an entry they cannot explain is dropped, from memory, rather than block the queue.
                var current = await GrainFactory.GetGrain<ITaskGrain>(entry.TaskId).GetAsync();
                if (current is null || !DepartmentBook.Apply(State, new TaskChange(Aggregation.FactsOf(current), [])))
                {
                    State.Queue.Remove(entry);
                }
            }
        }

        s = State;
        var result = new StartNextResult(started, s.Busy, s.Crews, s.Queue.Count);
        DepartmentBook.RememberStart(s, ctx.CommandId, result);
        await _writer.WriteAsync();
        return result;
    }

    public Task<DepartmentStatus> GetStatusAsync()
    {
        var s = State;
        return Task.FromResult(new DepartmentStatus(s.Code, s.Name, s.Crews, s.Busy, s.Queue.Count, s.Counters, [.. s.RecentNotices]) { SharedOpen = s.SharedOpen });
    }

    public Task<ImmutableArray<QueueEntry>> GetQueueAsync(int max) =>
        Task.FromResult<ImmutableArray<QueueEntry>>([.. State.Queue.Take(Math.Max(0, max))]);

    public ValueTask<QueueEntry?> PeekQueueAsync()
    {
        var queue = State.Queue;
        return ValueTask.FromResult<QueueEntry?>(queue.Count > 0 ? queue.Min : null);
    }

    public ValueTask<int> OnTaskChanged(TaskChange change) =>
        DepartmentBook.Apply(State, change, out var row) ? _writer.WriteThen(row) : ValueTask.FromResult(row);
}
