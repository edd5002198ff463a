using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using ActorCity.Grains;
using ActorCity.Persistence.AdoNet;
using ActorCity.Runtime;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Time;

namespace ActorCity.Simulation.Engine;

/// <summary>
/// Runs a replication on the real domain grains in an embedded silo with a virtual clock and the deterministic
/// scheduler. The engine plays the people (grid workers report and verify, headquarters dispatches, crews work for a
/// sampled time); the grains own every state change, queue order, deadline and escalation (their reminders fire as the
/// clock advances), and the inspection grain samples and scores.
/// </summary>
public sealed class GrainEngine(string storage = "memory", string? dataDirectory = null) : IReplicationEngine
{
    public string Name => "grains";

    public Task<ReplicationResult> RunAsync(SimulationPlan plan, int replication, int seed, ReplicationProgress progress, CancellationToken cancellationToken)
        => new GrainRun(plan, replication, seed, progress, storage, dataDirectory, cancellationToken).RunAsync();
}

/// <summary>One replication on grains. Calls are awaited one at a time, so the silo's work is a pure function of the seed.</summary>
internal sealed class GrainRun
{
    private const string CampaignId = "sim";

    // The grains only read their commands (immutable records), so the commands that carry no per-task data are shared.
    private static readonly AssignTask s_assign = new();
    private static readonly TaskNote s_done = new("整改完成");
    private static readonly TaskNote s_recurred = new("反弹回潮");
    private static readonly VerifyTask s_passed = new(true, "");
    private static readonly VerifyTask s_failed = new(false, "整改不到位");

    private readonly SimulationPlan _plan;
    private readonly int _replication;
    private readonly int _seed;
    private readonly ReplicationProgress _progress;
    private readonly string _storage;
    private readonly string? _dataDirectory;
    private readonly CancellationToken _cancellationToken;
    private readonly RandomStreams _random;
    private readonly EventCalendar<Event> _events;
    private readonly MirrorTable _tasks = new();
    private readonly int[] _busy;
    private readonly int[] _queued;
    private readonly long[] _busyMinutes;
    private readonly int[] _bySource = new int[4];
    private readonly int[] _openByDay;
    private readonly string[] _departmentCodes;
    private readonly string[] _gridCodes;
    private readonly string[] _categoryCodes;

    // One id string per checkpoint, shared by the grid's registration and every task reported there.
    private readonly string[] _checkpointIds;
    private readonly IDepartmentGrain?[] _departments;
    private IGrainFactory _grains = null!;
    private string? _database;
    private long _now;
    private long _lastMockInspection = -1;
    private long _commands;
    private int _open;
    private int _reworks;
    private int _recurrences;

    public GrainRun(SimulationPlan plan, int replication, int seed, ReplicationProgress progress, string storage, string? dataDirectory, CancellationToken cancellationToken)
    {
        _plan = plan;
        _replication = replication;
        _seed = seed;
        _progress = progress;
        _storage = storage;
        _dataDirectory = dataDirectory;
        _cancellationToken = cancellationToken;
        _random = new RandomStreams(seed);
        _events = new EventCalendar<Event>(plan.InspectionMinute, ExpectedPendingEvents(plan));
        var departments = plan.Scenario.Departments.Count;
        _busy = new int[departments];
        _queued = new int[departments];
        _busyMinutes = new long[departments];
        _departments = new IDepartmentGrain?[departments];
        _openByDay = new int[plan.Days + 1];
        _departmentCodes = Enumerable.Range(0, departments).Select(i => $"D{i:D2}").ToArray();
        _gridCodes = plan.City.Grids.Select(g => $"G{g.Number:D3}").ToArray();
        _categoryCodes = Enumerable.Range(0, plan.Scenario.Categories.Count).Select(i => $"C{i:D2}").ToArray();
        _checkpointIds = plan.City.Checkpoints.Select(c => CheckpointId(c.Index)).ToArray();
    }

    private enum Kind : byte
    {
        DayStart,
        Arrival,
        Dispatch,
        Finish,
        Verify,
        Recur,
        MockInspection,
    }

    public async Task<ReplicationResult> RunAsync()
    {
        try
        {
            return await RunInSiloAsync().ConfigureAwait(false);
        }
        finally
        {
            if (_database is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }
    }

    private async Task<ReplicationResult> RunInSiloAsync()
    {
        var clock = new VirtualTimeProvider(_plan.Start);
        await using var host = await SiloHost.StartAsync(b =>
        {
            // Idle collection would only churn activations in a run that ends at the inspection.
            b.UseVirtualClock(clock).UseDeterministicScheduler().UseInMemoryReminders().AddGrains(typeof(TaskGrain).Assembly)
                .Configure(o => o.CollectionAge = Timeout.InfiniteTimeSpan);
            if (_storage == "sqlite")
            {
                var directory = _dataDirectory ?? Path.Combine(Path.GetTempPath(), "actorcity-sim");
                Directory.CreateDirectory(directory);
                var database = Path.Combine(directory, $"replication-{_replication}-{_seed}-{Environment.ProcessId}.db");
                File.Delete(database);
                _database = database;
                b.Services.AddSqliteGrainStorageAsDefault(o =>
                {
                    o.ConnectionString = $"Data Source={database}";
                    // Compile-time JSON metadata for the states: the same JSON as by reflection, and it runs in the native build.
                    o.SerializerOptions = GrainStateJson.For(GrainStateJsonContext.Default);
                });
            }
            else
            {
                // Nothing is collected and nothing is read back, so the store may hold the live states instead of copies.
                b.AddMemoryGrainStorage(copyStates: false);
            }
        }, _cancellationToken).OffRunner();
        _grains = host.GrainFactory;
        await SetUpAsync().OffRunner();
        ScheduleDiscovery();

        while (_events.TryTake(out var minute, out var e))
        {
            if (minute > _now)
            {
                await clock.AdvanceToAsync(_plan.ToInstant(minute)).ConfigureAwait(false);
                _now = minute;
            }

            switch (e.Kind)
            {
                case Kind.DayStart: DayStart(e.A); break;
                case Kind.Arrival: await ArriveAsync((ProblemSource)e.A, -1).OffRunner(); break;
                case Kind.Dispatch: await DispatchAsync(e.A).OffRunner(); break;
                case Kind.Finish: await FinishAsync(e.A).OffRunner(); break;
                case Kind.Verify: await VerifyAsync(e.A).OffRunner(); break;
                case Kind.Recur: await RecurAsync(e.A, e.B).OffRunner(); break;
                case Kind.MockInspection: await MockInspectionAsync().OffRunner(); break;
            }
        }

        await clock.AdvanceToAsync(_plan.ToInstant(_plan.InspectionMinute)).ConfigureAwait(false);
        _now = _plan.InspectionMinute;
        if (_plan.InspectionMinute == _plan.Days * 1440L && _plan.Days > 0)
        {
            _openByDay[_plan.Days - 1] = _open;
        }

        _openByDay[_plan.Days] = _open;
        var result = await InspectAsync().OffRunner();
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return result with { Messages = host.Silo.Metrics.CallsCompleted, TimerFirings = host.Silo.Metrics.TimerFirings };
    }

    private CommandContext Hq() => CommandContext.Headquarters(NextCommandId());

    private CommandContext GridActor(int grid) => CommandContext.Grid(NextCommandId(), _gridCodes[grid]);

    private CommandContext DepartmentActor(int department) => CommandContext.Department(NextCommandId(), _departmentCodes[department]);

    private string NextCommandId() => string.Create(CultureInfo.InvariantCulture, $"cmd-{++_commands}");

    // One string per task (concatenating a formatted number would make two).
    private static string TaskId(int id) => string.Create(CultureInfo.InvariantCulture, $"T-{id:D6}");

    /// <summary>Headquarters sets up the campaign from the scenario: calendar, catalogue, escalation, standard, grids, departments.</summary>
    private async Task SetUpAsync()
    {
        var s = _plan.Scenario;
        var campaign = _grains.GetGrain<ICampaignGrain>(CampaignId);
        ScenarioTime(s.Campaign.WorkingHours.From, out var from);
        ScenarioTime(s.Campaign.WorkingHours.To, out var to);
        string[] names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
        var settings = new CampaignSettings
        {
            Name = s.Name,
            Start = _plan.Start,
            InspectionDate = _plan.ToInstant(_plan.InspectionMinute),
            Calendar = new WorkingCalendarSettings
            {
                UtcOffset = SimulationPlan.ChinaOffset,
                Periods = [new WorkingPeriod(TimeSpan.FromMinutes(from), TimeSpan.FromMinutes(to))],
                RestDays = [.. Enumerable.Range(0, 7).Where(d => !s.Campaign.WorkingHours.Days.Contains(names[d])).Select(d => (DayOfWeek)d)],
            },
            Categories = [.. s.Categories.Select((c, i) => new CategoryDefinition(
                _categoryCodes[i], c.Name, c.Kind == "facility" ? CaseKind.Facility : CaseKind.Event, _departmentCodes[_plan.CategoryDepartment[i]],
                c.TimeLimit.Unit == "workingDays" ? TimeLimit.Days(c.TimeLimit.Amount) : TimeLimit.Hours(c.TimeLimit.Amount), c.AssessmentCategory))],
            Escalation = new EscalationPolicy
            {
                ReminderShare = s.Escalation.ReminderAtShare,
                PublicNoticeAfterOverdueDays = s.Escalation.NoticeAfterOverdueWorkingDays,
                AccountabilityAfterOverdueDays = s.Escalation.AccountabilityAfterOverdueWorkingDays,
            },
            Standard = new AssessmentStandard(
                [.. s.Inspection.AssessmentCategories.Select(a => new AssessmentCategory(a.Code, a.Name, a.Points, a.DeductionPerProblem))],
                s.Inspection.PassThreshold),
        };
        await campaign.ConfigureAsync(Hq(), settings).OffRunner();
        foreach (var department in _plan.City.Departments)
        {
            await campaign.RegisterDepartmentAsync(Hq(), new DepartmentSetup(_departmentCodes[department.Index], department.Name, s.Departments[department.Index].Crews)
            {
                EscalationFirst = s.Escalation.PriorityEffect == "levelFirst",
            })
                .OffRunner();
        }

        var checkpointsByGrid = _plan.City.Checkpoints.ToLookup(c => c.Grid);
        foreach (var grid in _plan.City.Grids)
        {
            await campaign.RegisterGridAsync(Hq(), new GridSetup(_gridCodes[grid.Index], grid.Name, grid.Chief, grid.Leader)
            {
                Communities = [.. grid.Communities],
                Checkpoints = [.. checkpointsByGrid[grid.Index].Select(c => new Checkpoint(_checkpointIds[c.Index], c.Type, c.Name))],
            }).OffRunner();
        }
    }

    private static string CheckpointId(int index) => "P" + index.ToString("D5", CultureInfo.InvariantCulture);

    private static void ScenarioTime(string text, out int minutes) => Scenarios.ScenarioValidator.TryParseTime(text, out minutes);

    /// <summary>
    /// A first capacity for the future-event list, so it does not grow by doubling through the large object heap: the
    /// initial backlog, the day starts and two days of arrivals are pending at once early in the run. Past that it
    /// still grows as needed.
    /// </summary>
    private static int ExpectedPendingEvents(SimulationPlan plan)
    {
        var discovery = plan.Scenario.Discovery;
        var perDay = discovery.PatrolArrivalsPerDay + discovery.CitizenReportsPerDay;
        return (int)Math.Min(1 << 20, discovery.InitialBacklog + plan.Days + 1 + (2 * perDay));
    }

    private void Schedule(long time, Kind kind, int a = 0, int b = 0) => _events.Add(time, new Event(kind, a, b));

    private void ScheduleDiscovery()
    {
        for (var i = 0; i < _plan.Scenario.Discovery.InitialBacklog; i++)
        {
            Schedule(0, Kind.Arrival, (int)ProblemSource.InitialList);
        }

        for (var day = 0; day <= _plan.Days; day++)
        {
            Schedule(day * 1440L, Kind.DayStart, day);
        }

        var mock = _plan.Scenario.Discovery.MockInspections;
        for (var k = 1; mock.CheckpointsVisited > 0 && (long)(k * mock.EveryDays * 1440) + 600 < _plan.InspectionMinute; k++)
        {
            Schedule((long)(k * mock.EveryDays * 1440) + 600, Kind.MockInspection);
        }
    }

    private void DayStart(int day)
    {
        _progress.ReportDay(day);
        _cancellationToken.ThrowIfCancellationRequested();
        if (day > 0)
        {
            _openByDay[day - 1] = _open;
        }

        var discovery = _plan.Scenario.Discovery;
        var rng = _random.Arrivals;
        if (_plan.PatrolCalendar.IsWorkingDay(day))
        {
            var patrols = Sampling.Poisson(rng, discovery.PatrolArrivalsPerDay);
            for (var i = 0; i < patrols; i++)
            {
                Schedule(_plan.PatrolCalendar.RandomInstant(day, rng), Kind.Arrival, (int)ProblemSource.Patrol);
            }
        }

        var citizens = Sampling.Poisson(rng, discovery.CitizenReportsPerDay);
        for (var i = 0; i < citizens; i++)
        {
            Schedule((day * 1440L) + (long)(rng.NextDouble() * 1440), Kind.Arrival, (int)ProblemSource.Citizen);
        }
    }

    /// <summary>A grid worker (or the supervision squad, or a citizen through the grid) reports the problem (上报).</summary>
    private async Task ArriveAsync(ProblemSource source, int checkpoint, int category = -1)
    {
        var rng = _random.Arrivals;
        if (category < 0)
        {
            category = Sampling.Pick(rng, _plan.CategoryCumulativeShare);
        }

        if (checkpoint < 0)
        {
            var candidates = _plan.CategoryCheckpoints[category];
            checkpoint = candidates[rng.Next(candidates.Length)];
        }

        var spec = _plan.Scenario.Categories[category];
        var cp = _plan.City.Checkpoints[checkpoint];
        var id = _tasks.Add(new Mirror(category, checkpoint, cp.Grid, _plan.CategoryDepartment[category], Sampling.Draw(rng, spec.HandlingHours)));
        _bySource[(int)source]++;
        await Task(id).Report(GridActor(cp.Grid), new ReportTask(CampaignId, _gridCodes[cp.Grid], _categoryCodes[category], _checkpointIds[checkpoint], cp.Type))
            .OffRunner();
        _tasks[id].State = TaskState.Reported;
        _open++;
        Schedule(_now + (long)(Sampling.Exponential(rng, _plan.Scenario.Workflow.DispatchDelayHours) * 60), Kind.Dispatch, id);
    }

    private ITaskGrain Task(int id)
    {
        ref var task = ref _tasks[id];
        return task.Grain ??= _grains.GetGrain<ITaskGrain>(TaskId(id));
    }

    /// <summary>Headquarters dispatches (交办) with the category's lead department and time limit.</summary>
    private async Task DispatchAsync(int id)
    {
        var result = await Task(id).Assign(Hq(), s_assign).OffRunner();
        ref var task = ref _tasks[id];
        task.State = result.To;
        var department = task.Department;
        _queued[department]++;
        await StartWorkAsync(department).OffRunner();
    }

    /// <summary>Free crews take the head of the department's queue; the department grain decides which task.</summary>
    private async Task StartWorkAsync(int department)
    {
        var crews = _plan.Scenario.Departments[department].Crews;
        while (_busy[department] < crews && _queued[department] > 0)
        {
            var dept = _departments[department] ??= _grains.GetGrain<IDepartmentGrain>(GrainKeys.Department(CampaignId, _departmentCodes[department]));
            if (await dept.PeekQueueAsync().OffRunner() is not { } head)
            {
                _queued[department] = 0;
                return;
            }

            var id = int.Parse(head.TaskId.AsSpan(2), CultureInfo.InvariantCulture);
            var started = await Task(id).Start(DepartmentActor(department)).OffRunner();
            _tasks[id].State = started.To;
            _busy[department]++;
            _queued[department]--;
            BeginWork(id, _tasks[id].HandlingHours * 60);
        }
    }

    private void BeginWork(int id, double minutes)
    {
        ref var task = ref _tasks[id];
        task.FinishAt = _plan.DepartmentCalendars[task.Department].Add(_now, minutes);
        _busyMinutes[task.Department] += (long)Math.Ceiling(minutes);
        Schedule(task.FinishAt, Kind.Finish, id);
    }

    /// <summary>The crew reports the task done (反馈) and takes the next one.</summary>
    private async Task FinishAsync(int id)
    {
        var department = _tasks[id].Department;
        var result = await Task(id).Submit(DepartmentActor(department), s_done).OffRunner();
        _tasks[id].State = result.To;
        _busy[department]--;
        Schedule(_now + (long)(Sampling.Exponential(_random.Work, _plan.Scenario.Workflow.VerificationDelayHours) * 60), Kind.Verify, id);
        await StartWorkAsync(department).OffRunner();
    }

    /// <summary>The grid verifies on site (核查): closed (销号), or back to the crew as rework (返工).</summary>
    private async Task VerifyAsync(int id)
    {
        var spec = _plan.Scenario.Categories[_tasks[id].Category];
        var rng = _random.Work;
        var passed = rng.NextDouble() >= spec.ReworkProbability;
        var result = await Task(id).Verify(GridActor(_tasks[id].Grid), passed ? s_passed : s_failed).OffRunner();
        ref var task = ref _tasks[id];
        task.State = result.To;
        if (result.To == TaskState.InProgress)
        {
            _reworks++;
            _busy[task.Department]++;
            BeginWork(id, task.HandlingHours * 60 * _plan.Scenario.Workflow.ReworkHandlingFactor);
            return;
        }

        _open--;
        var recurrence = _plan.Scenario.Recurrence;
        var probability = Math.Min(1, spec.RecurrenceProbability * (1 + (recurrence.SlackSensitivity * (1 - Pressure()))));
        if (rng.NextDouble() < probability)
        {
            Schedule(_now + (long)(Sampling.Exponential(rng, recurrence.MeanDaysToRecur) * 1440), Kind.Recur, id, ++task.Cycle);
        }
    }

    /// <summary>The problem is back (反弹回潮): the grid reopens the task, which returns to its department's queue.</summary>
    private async Task RecurAsync(int id, int cycle)
    {
        var task = _tasks[id];
        if (task.Cycle != cycle || task.State != TaskState.Closed)
        {
            return;
        }

        var result = await Task(id).Reopen(GridActor(task.Grid), s_recurred).OffRunner();
        _tasks[id].State = result.To;
        _recurrences++;
        _open++;
        _queued[task.Department]++;
        await StartWorkAsync(task.Department).OffRunner();
    }

    private async Task MockInspectionAsync()
    {
        var spec = _plan.Scenario.Discovery.MockInspections;
        var rng = _random.Arrivals;
        var checkpoints = _plan.City.Checkpoints.Count;
        var visits = Math.Min(spec.CheckpointsVisited, checkpoints);
        for (var i = 0; i < visits; i++)
        {
            var checkpoint = rng.Next(checkpoints);
            var type = _plan.CheckpointTypeIndex[checkpoint];
            var categories = _plan.CategoryIdsAtType[type];
            if (categories.Length == 0)
            {
                continue;
            }

            var found = Sampling.Poisson(rng, spec.ProblemsPerCheckpoint);
            for (var k = 0; k < found; k++)
            {
                await ArriveAsync(ProblemSource.MockInspection, checkpoint, categories[Sampling.Pick(rng, _plan.CategoriesAtType[type])]).OffRunner();
            }
        }

        _lastMockInspection = _now;
    }

    private double Pressure()
    {
        var recurrence = _plan.Scenario.Recurrence;
        var daysLeft = (_plan.InspectionMinute - _now) / 1440.0;
        var nearness = Math.Clamp(1 - (daysLeft / recurrence.PressureHorizonDays), 0, 1);
        var boost = _lastMockInspection < 0 ? 0
            : recurrence.MockInspectionBoost * Math.Pow(0.5, (_now - _lastMockInspection) / 1440.0 / recurrence.BoostHalfLifeDays);
        return Math.Max(nearness, boost);
    }

    /// <summary>The final inspection grain samples and scores; indicators come from the grid and department aggregates.</summary>
    private async Task<ReplicationResult> InspectAsync()
    {
        var s = _plan.Scenario;
        var quotas = City.CheckpointTypes.All
            .Where(t => s.Inspection.Sample.GetValueOrDefault(t.Id) > 0)
            .Select(t => new SampleQuota(t.Id, s.Inspection.Sample[t.Id]))
            .ToImmutableArray();
        var inspection = await _grains.GetGrain<IInspectionGrain>(GrainKeys.Inspection(CampaignId, "final"))
            .RunAsync(Hq(), new InspectionPlan(CampaignId, Seeds.Derive(_seed, 3), quotas, Final: true)).OffRunner();
        var indicators = await _grains.GetGrain<ICampaignGrain>(CampaignId).GetIndicatorsAsync().OffRunner();

        var grids = _plan.City.Grids.Count;
        var types = City.CheckpointTypes.All.Count;
        var departments = s.Departments.Count;
        var gridOpen = new int[grids];
        var gridOverdue = new int[grids];
        var gridSupervised = new int[grids];
        var gridExpected = new double[grids];
        var gridOverdueByType = Enumerable.Range(0, grids).Select(_ => new int[types]).ToArray();
        var gridOpenByType = Enumerable.Range(0, grids).Select(_ => new int[types]).ToArray();
        var deptOpen = new int[departments];
        var deptOverdue = new int[departments];
        var deptSupervised = new int[departments];
        var deptExpected = new double[departments];
        var finalStates = new int[5];
        var overdue = 0;
        for (var id = 0; id < _tasks.Count; id++)
        {
            var task = _tasks[id];
            finalStates[(int)ToWorkflowState(task.State)]++;
            if (task.State == TaskState.Closed)
            {
                continue;
            }

            // The task grain is the authority on its escalation level and deadline.
            var record = await Task(id).GetAsync().OffRunner()
                ?? throw new InvalidOperationException($"Task {TaskId(id)} is missing from the grains.");
            var type = _plan.CheckpointTypeIndex[task.Checkpoint];
            var expected = _plan.CategoryDeduction[task.Category] * _plan.SampleProbabilityByType[type];
            gridOpen[task.Grid]++;
            gridOpenByType[task.Grid][type]++;
            deptOpen[task.Department]++;
            gridExpected[task.Grid] += expected;
            deptExpected[task.Department] += expected;
            if (task.State == TaskState.InProgress)
            {
                _busyMinutes[task.Department] -= _plan.DepartmentCalendars[task.Department].Between(_now, task.FinishAt);
            }

            if (record.Overdue || (record.Deadline is { } deadline && deadline < _plan.ToInstant(_now)))
            {
                overdue++;
                gridOverdue[task.Grid]++;
                gridOverdueByType[task.Grid][type]++;
                deptOverdue[task.Department]++;
            }

            if (record.Escalation >= EscalationLevel.Supervision)
            {
                gridSupervised[task.Grid]++;
                deptSupervised[task.Department]++;
            }
        }

        var gridDeduction = new double[grids];
        var gridIndex = _gridCodes.Select((code, i) => (code, i)).ToDictionary(x => x.code, x => x.i, StringComparer.Ordinal);
        foreach (var sampled in inspection.Sampled)
        {
            gridDeduction[gridIndex[sampled.GridCode]] += sampled.Deducted;
        }

        var campaign = indicators.Campaign.Counters;
        var byDepartment = indicators.Departments.ToDictionary(r => r.Code, r => r.Counters, StringComparer.Ordinal);
        var sampledCount = inspection.Sampled.Length;
        return new ReplicationResult
        {
            Replication = _replication,
            Seed = _seed,
            Score = inspection.Score,
            Passed = inspection.Passed,
            Workflows = _tasks.Count,
            WorkflowsBySource = _bySource,
            FinalStates = finalStates,
            DueCycles = campaign.OnTimeDue,
            OnTimeClosedCycles = campaign.ClosedOnTime,
            ClosedCycles = campaign.Closed,
            Reworks = _reworks,
            Recurrences = _recurrences,
            OpenAtInspection = _open,
            OverdueAtInspection = overdue,
            EscalationsByLevel = [campaign.Reminders, campaign.Supervisions, campaign.PublicNotices, campaign.Accountabilities],
            OpenByDay = _openByDay,
            SampledCheckpoints = sampledCount,
            ProblemsFound = inspection.ProblemsFound,
            Grids = Enumerable.Range(0, grids)
                .Select(g => new GridOutcome(gridOpen[g], gridOverdue[g], gridSupervised[g], gridExpected[g], gridDeduction[g], gridOverdueByType[g], gridOpenByType[g]))
                .ToArray(),
            Departments = Enumerable.Range(0, departments).Select(d =>
            {
                var c = byDepartment.GetValueOrDefault(_departmentCodes[d]) ?? TaskCounters.Zero;
                return new DepartmentOutcome(deptOpen[d], deptOverdue[d], deptSupervised[d], c.OnTimeDue, c.ClosedOnTime, c.Closed, c.Reworks, Utilization(d), deptExpected[d]);
            }).ToArray(),
            Messages = 0,
            TimerFirings = 0,
            AuthorityStates = [campaign.Reported, campaign.Assigned, campaign.InProgress, campaign.Submitted, campaign.Closed],
        };
    }

    private double Utilization(int department)
    {
        var available = _plan.DepartmentCalendars[department].Between(0, _plan.InspectionMinute) * (double)_plan.Scenario.Departments[department].Crews;
        return available == 0 ? 0 : Math.Min(1, Math.Max(0, _busyMinutes[department]) / available);
    }

    private static WorkflowState ToWorkflowState(TaskState state) => state switch
    {
        TaskState.Reported => WorkflowState.Reported,
        TaskState.Assigned => WorkflowState.Assigned,
        TaskState.InProgress => WorkflowState.InProgress,
        TaskState.Submitted => WorkflowState.Submitted,
        TaskState.Closed => WorkflowState.Closed,
        _ => throw new InvalidOperationException($"The simulation never drives a task to {state}."),
    };

    private readonly record struct Event(Kind Kind, int A, int B);
}

/// <summary>
/// Awaiting grain calls from the engine. A call that did not complete while its caller drained the deterministic
/// scheduler completes later inside the scheduler's run loop; continuing there would make the engine an "inside" caller.
/// Forcing the continuation off that thread keeps the engine an outside caller, whose calls enter through the
/// scheduler's exclusive entry, so one logical thread runs the silo at a time.
/// </summary>
internal static class GrainCallAwaiting
{
    public static ConfiguredTaskAwaitable<T> OffRunner<T>(this Task<T> task)
        => task.ConfigureAwait(task.IsCompleted ? ConfigureAwaitOptions.None : ConfigureAwaitOptions.ForceYielding);

    public static ConfiguredTaskAwaitable OffRunner(this Task task)
        => task.ConfigureAwait(task.IsCompleted ? ConfigureAwaitOptions.None : ConfigureAwaitOptions.ForceYielding);

    /// <summary>A value task: completed (the usual case) it is read as it is, with nothing allocated; else as the task above.</summary>
    public static ConfiguredValueTaskAwaitable<T> OffRunner<T>(this ValueTask<T> task)
        => (task.IsCompleted ? task : new ValueTask<T>(Yielding(task.AsTask()))).ConfigureAwait(false);

    private static async Task<T> Yielding<T>(Task<T> task) => await task.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
}
