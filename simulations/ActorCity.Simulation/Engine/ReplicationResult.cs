namespace ActorCity.Simulation.Engine;

/// <summary>Where a problem was found (问题来源).</summary>
public enum ProblemSource
{
    InitialList,
    Patrol,
    Citizen,
    MockInspection,
}

/// <summary>Workflow states at the end of a replication (a recurred task is counted in the state its new cycle reached).</summary>
public enum WorkflowState
{
    Reported,
    Assigned,
    InProgress,
    Submitted,
    Closed,
}

/// <summary>Everything one replication measured, up to the inspection.</summary>
public sealed record ReplicationResult
{
    public required int Replication { get; init; }

    public required int Seed { get; init; }

    public required double Score { get; init; }

    public required bool Passed { get; init; }

    public required int Workflows { get; init; }

    public required int[] WorkflowsBySource { get; init; }

    /// <summary>Tasks by final state, indexed by <see cref="WorkflowState"/>; sums to <see cref="Workflows"/>.</summary>
    public required int[] FinalStates { get; init; }

    public required int DueCycles { get; init; }

    public required int OnTimeClosedCycles { get; init; }

    public double OnTimeClosedRate => DueCycles == 0 ? 1 : (double)OnTimeClosedCycles / DueCycles;

    public required int ClosedCycles { get; init; }

    public required int Reworks { get; init; }

    public required int Recurrences { get; init; }

    public required int OpenAtInspection { get; init; }

    public required int OverdueAtInspection { get; init; }

    /// <summary>Tasks that reached each escalation level: reminder, supervision, notice, accountability.</summary>
    public required int[] EscalationsByLevel { get; init; }

    /// <summary>Open tasks at 24:00 of each day (index 0: at the start, after the initial list is reported).</summary>
    public required int[] OpenByDay { get; init; }

    public required int SampledCheckpoints { get; init; }

    public required int ProblemsFound { get; init; }

    public required GridOutcome[] Grids { get; init; }

    public required DepartmentOutcome[] Departments { get; init; }

    /// <summary>Grain calls the silo processed (commands, notifications between grains, queue reads, reminder deliveries).</summary>
    public required long Messages { get; init; }

    /// <summary>Timer and reminder ticks the silo processed (a reminder tick's delivery is also one of <see cref="Messages"/>).</summary>
    public required long TimerFirings { get; init; }

    /// <summary>Messages and timer firings processed: the work <c>timing.events</c> counts.</summary>
    public long Events => Messages + TimerFirings;

    /// <summary>
    /// Tasks by state as the domain's own aggregates count them (grain engine only), indexed like <see cref="FinalStates"/>;
    /// equal to <see cref="FinalStates"/> when the engine's view and the grains agree.
    /// </summary>
    public int[]? AuthorityStates { get; init; }
}

/// <summary>One grid on inspection day.</summary>
public sealed record GridOutcome(
    int Open,
    int Overdue,
    int SupervisedOrAbove,
    double ExpectedDeduction,
    double Deduction,
    int[] OverdueByCheckpointType,
    int[] OpenByCheckpointType);

/// <summary>One department over the campaign and on inspection day.</summary>
public sealed record DepartmentOutcome(
    int Backlog,
    int Overdue,
    int SupervisedOrAbove,
    int DueCycles,
    int OnTimeClosedCycles,
    int Closed,
    int Reworks,
    double Utilization,
    double ExpectedDeduction);
