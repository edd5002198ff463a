using System.Runtime.CompilerServices;

namespace ActorCity.Simulation.Engine;

/// <summary>
/// The in-process reference model of the rectification workflow: a discrete-event loop over virtual minutes with
/// the same states, queue order, escalation ladder and inspection scoring as the domain grains. It is the fast
/// path for large what-ifs and the oracle the grain engine is compared with.
/// </summary>
public sealed class ModelEngine : IReplicationEngine
{
    public string Name => "model";

    public Task<ReplicationResult> RunAsync(SimulationPlan plan, int replication, int seed, ReplicationProgress progress, CancellationToken cancellationToken)
        => Task.FromResult(new ModelRun(plan, replication, seed, progress, cancellationToken).Run());
}

/// <summary>One replication of <see cref="ModelEngine"/>: single-threaded, so its result depends only on the plan and the seed.</summary>
internal sealed class ModelRun
{
    private const int Levels = 5;

    private readonly SimulationPlan _plan;
    private readonly int _replication;
    private readonly int _seed;
    private readonly ReplicationProgress _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly RandomStreams _random;
    private readonly EventCalendar<Event> _events;
    private readonly List<Work> _work = [];
    private readonly PriorityQueue<int, QueueKey>[] _queues;
    private readonly int[] _idleCrews;
    private readonly long[] _busyMinutes;
    private readonly int[] _openByDepartment;
    private readonly int[] _bySource = new int[4];
    private readonly int[] _escalations = new int[Levels];
    private readonly int[] _openByDay;
    private readonly DepartmentTally[] _departments;
    private long _eventsProcessed;
    private long _now;
    private long _lastMockInspection = -1;
    private int _open;
    private int _reworks;
    private int _recurrences;

    public ModelRun(SimulationPlan plan, int replication, int seed, ReplicationProgress progress, CancellationToken cancellationToken)
    {
        _plan = plan;
        _replication = replication;
        _seed = seed;
        _progress = progress;
        _cancellationToken = cancellationToken;
        _random = new RandomStreams(seed);
        _events = new EventCalendar<Event>(plan.InspectionMinute);
        var departments = plan.Scenario.Departments.Count;
        var comparer = new QueueKeyComparer(plan.Scenario.Escalation.PriorityEffect == "levelFirst");
        _queues = Enumerable.Range(0, departments).Select(_ => new PriorityQueue<int, QueueKey>(comparer)).ToArray();
        _idleCrews = plan.Scenario.Departments.Select(d => d.Crews).ToArray();
        _busyMinutes = new long[departments];
        _openByDepartment = new int[departments];
        _departments = Enumerable.Range(0, departments).Select(_ => new DepartmentTally()).ToArray();
        _openByDay = new int[plan.Days + 1];
    }

    private enum Kind : byte
    {
        DayStart,
        Arrival,
        Dispatch,
        Escalate,
        Finish,
        Verify,
        Recur,
        MockInspection,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReplicationResult Run()
    {
        var horizon = _plan.InspectionMinute;
        for (var i = 0; i < _plan.Scenario.Discovery.InitialBacklog; i++)
        {
            Schedule(0, Kind.Arrival, (int)ProblemSource.InitialList);
        }

        for (var day = 0; day <= _plan.Days; day++)
        {
            Schedule(day * 1440L, Kind.DayStart, day);
        }

        var mock = _plan.Scenario.Discovery.MockInspections;
        for (var k = 1; mock.CheckpointsVisited > 0 && (long)(k * mock.EveryDays * 1440) + 600 < horizon; k++)
        {
            Schedule((long)(k * mock.EveryDays * 1440) + 600, Kind.MockInspection);
        }

        while (_events.TryTake(out var minute, out var e))
        {
            _now = minute;
            _eventsProcessed++;
            switch (e.Kind)
            {
                case Kind.DayStart: DayStart(e.A); break;
                case Kind.Arrival: Arrive((ProblemSource)e.A, -1); break;
                case Kind.Dispatch: Dispatch(_work[e.A]); break;
                case Kind.Escalate: Escalate(_work[e.A], e.B); break;
                case Kind.Finish: Finish(_work[e.A]); break;
                case Kind.Verify: Verify(_work[e.A]); break;
                case Kind.Recur: Recur(_work[e.A], e.B); break;
                case Kind.MockInspection: MockInspection(); break;
            }
        }

        _now = horizon;
        if (horizon == _plan.Days * 1440L && _plan.Days > 0)
        {
            _openByDay[_plan.Days - 1] = _open;
        }

        _openByDay[_plan.Days] = _open;
        return Inspect();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Schedule(long time, Kind kind, int a = 0, int b = 0) => _events.Add(time, new Event(kind, a, b));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DayStart(int day)
    {
        _progress.ReportDay(day);
        if ((day & 7) == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }

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

    /// <summary>A problem is reported (发现/上报): it becomes a task that waits for dispatch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Arrive(ProblemSource source, int checkpoint, int category = -1)
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
        var work = new Work
        {
            Id = _work.Count,
            Category = category,
            Checkpoint = checkpoint,
            Grid = _plan.City.Checkpoints[checkpoint].Grid,
            Department = _plan.CategoryDepartment[category],
            HandlingHours = Sampling.Draw(rng, spec.HandlingHours),
            State = WorkflowState.Reported,
        };
        _work.Add(work);
        _bySource[(int)source]++;
        _open++;
        _openByDepartment[work.Department]++;
        Schedule(_now + (long)(Sampling.Exponential(rng, _plan.Scenario.Workflow.DispatchDelayHours) * 60), Kind.Dispatch, work.Id);
    }

    /// <summary>Assigned (交办) to the lead department: the deadline runs on the campaign calendar, the task joins the queue.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Dispatch(Work work)
    {
        var calendar = _plan.CampaignCalendar;
        var limit = _plan.CategoryTimeLimitMinutes[work.Category];
        work.State = WorkflowState.Assigned;
        work.Level = 0;
        work.Deadline = calendar.Add(_now, limit);
        work.ReminderAt = calendar.Add(_now, limit * _plan.Scenario.Escalation.ReminderAtShare);
        Enqueue(work);
        Schedule(work.ReminderAt, Kind.Escalate, work.Id, work.Cycle);
        StartWork(work.Department);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Enqueue(Work work)
    {
        work.QueueVersion++;
        _queues[work.Department].Enqueue(work.Id, new QueueKey(work.Level, work.Deadline, work.Id, work.QueueVersion));
    }

    /// <summary>
    /// One step up the ladder (催办 → 督办 → 通报 → 问责) when it is due and the task is still open in the same cycle.
    /// As in the domain, the escalation clock runs only while the task is Assigned or InProgress; a task back from a
    /// failed verification catches up on the steps that fell due meanwhile.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Escalate(Work work, int cycle)
    {
        if (work.Cycle != cycle || work.State is not (WorkflowState.Assigned or WorkflowState.InProgress) || work.Level >= Levels - 1)
        {
            return;
        }

        var due = DueTime(work, work.Level + 1);
        if (due > _now)
        {
            Schedule(due, Kind.Escalate, work.Id, work.Cycle);
            return;
        }

        work.Level++;
        _escalations[work.Level]++;
        if (work.State == WorkflowState.Assigned)
        {
            Enqueue(work);
        }

        if (work.Level < Levels - 1)
        {
            Schedule(Math.Max(DueTime(work, work.Level + 1), _now), Kind.Escalate, work.Id, work.Cycle);
        }
    }

    private long DueTime(Work work, int level)
    {
        var escalation = _plan.Scenario.Escalation;
        var day = _plan.CampaignCalendar.MinutesPerWorkingDay;
        return level switch
        {
            1 => work.ReminderAt,
            2 => work.Deadline,
            3 => _plan.CampaignCalendar.Add(work.Deadline, escalation.NoticeAfterOverdueWorkingDays * day),
            _ => _plan.CampaignCalendar.Add(work.Deadline, escalation.AccountabilityAfterOverdueWorkingDays * day),
        };
    }

    /// <summary>Free crews take the head of their department's queue.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StartWork(int department)
    {
        var queue = _queues[department];
        while (_idleCrews[department] > 0 && queue.TryDequeue(out var id, out var key))
        {
            var work = _work[id];
            if (work.QueueVersion != key.Version || work.State != WorkflowState.Assigned)
            {
                continue;
            }

            _idleCrews[department]--;
            work.State = WorkflowState.InProgress;
            BeginWork(work, work.HandlingHours * 60);
        }
    }

    private void BeginWork(Work work, double minutes)
    {
        work.FinishAt = _plan.DepartmentCalendars[work.Department].Add(_now, minutes);
        _busyMinutes[work.Department] += (long)Math.Ceiling(minutes);
        Schedule(work.FinishAt, Kind.Finish, work.Id);
    }

    /// <summary>Submitted (反馈): the crew is free again and the grid will verify on site.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Finish(Work work)
    {
        work.State = WorkflowState.Submitted;
        _idleCrews[work.Department]++;
        StartWork(work.Department);
        Schedule(_now + (long)(Sampling.Exponential(_random.Work, _plan.Scenario.Workflow.VerificationDelayHours) * 60), Kind.Verify, work.Id);
    }

    /// <summary>Verification (核查): closes the task or sends it back for rework (返工) in the same queue.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Verify(Work work)
    {
        var spec = _plan.Scenario.Categories[work.Category];
        var rng = _random.Work;
        var tally = _departments[work.Department];
        if (rng.NextDouble() < spec.ReworkProbability)
        {
            // As in the domain: a failed verification goes straight back to InProgress with the same crew (返工).
            _reworks++;
            tally.Reworks++;
            work.State = WorkflowState.InProgress;
            _idleCrews[work.Department]--;
            BeginWork(work, work.HandlingHours * 60 * _plan.Scenario.Workflow.ReworkHandlingFactor);
            Schedule(_now, Kind.Escalate, work.Id, work.Cycle);
            return;
        }

        work.State = WorkflowState.Closed;
        _open--;
        _openByDepartment[work.Department]--;
        tally.Closed++;
        tally.Due++;
        if (_now <= work.Deadline)
        {
            tally.OnTime++;
        }

        var recurrence = _plan.Scenario.Recurrence;
        var probability = Math.Min(1, spec.RecurrenceProbability * (1 + (recurrence.SlackSensitivity * (1 - Pressure()))));
        if (rng.NextDouble() < probability)
        {
            Schedule(_now + (long)(Sampling.Exponential(rng, recurrence.MeanDaysToRecur) * 1440), Kind.Recur, work.Id, work.Cycle);
        }
    }

    /// <summary>Recurrence (反弹回潮): the closed problem is back and goes round the workflow again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Recur(Work work, int cycle)
    {
        if (work.Cycle != cycle || work.State != WorkflowState.Closed)
        {
            return;
        }

        // As in the domain: a reopened task goes straight back to Assigned with a new deadline (Closed → Assigned).
        _recurrences++;
        work.Cycle++;
        _open++;
        _openByDepartment[work.Department]++;
        Dispatch(work);
    }

    /// <summary>Unannounced visit (明察暗访): new problems at the visited checkpoints, and a jolt of pressure.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MockInspection()
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
                Arrive(ProblemSource.MockInspection, checkpoint, categories[Sampling.Pick(rng, _plan.CategoriesAtType[type])]);
            }
        }

        _lastMockInspection = _now;
    }

    /// <summary>Campaign pressure in [0, 1]: nearness of the inspection, or the fading jolt of the last mock inspection.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Pressure()
    {
        var recurrence = _plan.Scenario.Recurrence;
        var daysLeft = (_plan.InspectionMinute - _now) / 1440.0;
        var nearness = Math.Clamp(1 - (daysLeft / recurrence.PressureHorizonDays), 0, 1);
        var boost = _lastMockInspection < 0 ? 0
            : recurrence.MockInspectionBoost * Math.Pow(0.5, (_now - _lastMockInspection) / 1440.0 / recurrence.BoostHalfLifeDays);
        return Math.Max(nearness, boost);
    }

    /// <summary>The final inspection (测评): sample checkpoints by type, deduct for the open problems found there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReplicationResult Inspect()
    {
        var scenario = _plan.Scenario;
        var rng = _random.Inspection;
        var sampled = new bool[_plan.City.Checkpoints.Count];
        var sampledCount = 0;
        foreach (var type in City.CheckpointTypes.All)
        {
            var pool = _plan.CheckpointsByType[type.Id].ToArray();
            var take = Math.Min(scenario.Inspection.Sample.GetValueOrDefault(type.Id), pool.Length);
            for (var i = 0; i < take; i++)
            {
                var j = i + rng.Next(pool.Length - i);
                (pool[i], pool[j]) = (pool[j], pool[i]);
                sampled[pool[i]] = true;
                sampledCount++;
            }
        }

        var grids = _plan.City.Grids.Count;
        var types = City.CheckpointTypes.All.Count;
        var gridOpen = new int[grids];
        var gridOverdue = new int[grids];
        var gridSupervised = new int[grids];
        var gridExpected = new double[grids];
        var gridDeduction = new double[grids];
        var gridOverdueByType = Enumerable.Range(0, grids).Select(_ => new int[types]).ToArray();
        var gridOpenByType = Enumerable.Range(0, grids).Select(_ => new int[types]).ToArray();
        var departmentCount = scenario.Departments.Count;
        var deptOverdue = new int[departmentCount];
        var deptSupervised = new int[departmentCount];
        var deptExpected = new double[departmentCount];
        var assessmentDeducted = new double[scenario.Inspection.AssessmentCategories.Count];
        var finalStates = new int[5];
        var overdue = 0;
        var found = 0;
        foreach (var work in _work)
        {
            finalStates[(int)work.State]++;
            if (work.State == WorkflowState.Closed)
            {
                continue;
            }

            var isOverdue = work.State != WorkflowState.Reported && work.Deadline < _now;
            var type = _plan.CheckpointTypeIndex[work.Checkpoint];
            var deduction = _plan.CategoryDeduction[work.Category];
            var expected = deduction * _plan.SampleProbabilityByType[type];
            gridOpen[work.Grid]++;
            gridOpenByType[work.Grid][type]++;
            gridExpected[work.Grid] += expected;
            deptExpected[work.Department] += expected;
            if (work.State == WorkflowState.InProgress)
            {
                _busyMinutes[work.Department] -= _plan.DepartmentCalendars[work.Department].Between(_now, work.FinishAt);
            }

            if (isOverdue)
            {
                overdue++;
                gridOverdue[work.Grid]++;
                gridOverdueByType[work.Grid][type]++;
                deptOverdue[work.Department]++;
                _departments[work.Department].Due++;
            }

            if (work.State != WorkflowState.Reported && work.Level >= 2)
            {
                gridSupervised[work.Grid]++;
                deptSupervised[work.Department]++;
            }

            if (sampled[work.Checkpoint])
            {
                found++;
                gridDeduction[work.Grid] += deduction;
                assessmentDeducted[_plan.CategoryAssessment[work.Category]] += deduction;
            }
        }

        var score = 0.0;
        for (var a = 0; a < assessmentDeducted.Length; a++)
        {
            score += Math.Max(0, scenario.Inspection.AssessmentCategories[a].Points - assessmentDeducted[a]);
        }

        var dueCycles = _departments.Sum(d => d.Due);
        var onTime = _departments.Sum(d => d.OnTime);
        return new ReplicationResult
        {
            Replication = _replication,
            Seed = _seed,
            Score = score,
            Passed = score >= scenario.Inspection.PassThreshold,
            Workflows = _work.Count,
            WorkflowsBySource = _bySource,
            FinalStates = finalStates,
            DueCycles = dueCycles,
            OnTimeClosedCycles = onTime,
            ClosedCycles = _departments.Sum(d => d.Closed),
            Reworks = _reworks,
            Recurrences = _recurrences,
            OpenAtInspection = _open,
            OverdueAtInspection = overdue,
            EscalationsByLevel = _escalations[1..],
            OpenByDay = _openByDay,
            SampledCheckpoints = sampledCount,
            ProblemsFound = found,
            Grids = Enumerable.Range(0, grids)
                .Select(g => new GridOutcome(gridOpen[g], gridOverdue[g], gridSupervised[g], gridExpected[g], gridDeduction[g], gridOverdueByType[g], gridOpenByType[g]))
                .ToArray(),
            Departments = Enumerable.Range(0, departmentCount)
                .Select(d => new DepartmentOutcome(
                    _openByDepartment[d], deptOverdue[d], deptSupervised[d], _departments[d].Due, _departments[d].OnTime,
                    _departments[d].Closed, _departments[d].Reworks, Utilization(d), deptExpected[d]))
                .ToArray(),
            Events = _eventsProcessed,
        };
    }

    private double Utilization(int department)
    {
        var available = _plan.DepartmentCalendars[department].Between(0, _plan.InspectionMinute) * (double)_plan.Scenario.Departments[department].Crews;
        return available == 0 ? 0 : Math.Min(1, _busyMinutes[department] / available);
    }

    private readonly record struct Event(Kind Kind, int A, int B);

    private sealed class Work
    {
        public int Id;
        public int Category;
        public int Checkpoint;
        public int Grid;
        public int Department;
        public WorkflowState State;
        public int Level;
        public int Cycle;
        public long Deadline;
        public long ReminderAt;
        public long FinishAt;
        public double HandlingHours;
        public int QueueVersion;
    }

    private sealed class DepartmentTally
    {
        public int Due;
        public int OnTime;
        public int Closed;
        public int Reworks;
    }
}

/// <summary>A department queue entry: escalation level, deadline, task id (the domain's order), and a version to skip stale entries.</summary>
internal readonly record struct QueueKey(int Level, long Deadline, int Id, int Version);

internal sealed class QueueKeyComparer(bool levelFirst) : IComparer<QueueKey>
{
    public int Compare(QueueKey x, QueueKey y)
    {
        if (levelFirst && x.Level != y.Level)
        {
            return y.Level.CompareTo(x.Level);
        }

        var c = x.Deadline.CompareTo(y.Deadline);
        return c != 0 ? c : x.Id.CompareTo(y.Id);
    }
}
