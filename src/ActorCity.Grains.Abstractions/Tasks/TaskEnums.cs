namespace ActorCity.Grains;

/// <summary>Where a rectification task (整改任务) stands in the workflow.</summary>
public enum TaskState
{
    /// <summary>Reported (发现/上报), or returned for redispatch (回退): waits for assignment.</summary>
    Reported = 0,

    /// <summary>Assigned (交办/派遣) to a lead department, deadline running, waiting in its queue.</summary>
    Assigned = 1,

    /// <summary>A crew works on it (整改中); also after a failed verification (返工).</summary>
    InProgress = 2,

    /// <summary>The department reported it done (反馈); waits for on-site verification (核查).</summary>
    Submitted = 3,

    /// <summary>Verified and crossed off the list (销号).</summary>
    Closed = 4,

    /// <summary>Held outside the time limit (挂账): seasonal or engineering cases.</summary>
    Parked = 5,

    /// <summary>The department refused ownership (推诿扯皮); headquarters arbitrates.</summary>
    Disputed = 6,

    /// <summary>Cancelled with a reason (duplicate, not our responsibility, no action needed).</summary>
    Cancelled = 7,
}

/// <summary>Case kind of CJ/T 214: facility (部件) or event (事件).</summary>
public enum CaseKind
{
    Event = 0,
    Facility = 1,
}

/// <summary>Severity of a reported problem.</summary>
public enum Severity
{
    Minor = 0,
    Normal = 1,
    Serious = 2,
}

/// <summary>Unit of a time limit (整改时限) on the working calendar.</summary>
public enum TimeLimitUnit
{
    WorkingHours = 0,
    WorkingDays = 1,
}

/// <summary>Why a task was cancelled.</summary>
public enum CancelReason
{
    Duplicate = 0,
    NotResponsible = 1,
    NoActionNeeded = 2,
}

/// <summary>Escalation ladder (督办 → 通报 → 问责), in increasing order.</summary>
public enum EscalationLevel
{
    None = 0,

    /// <summary>Reminder (提醒/催办) at a share of the time limit.</summary>
    Reminder = 1,

    /// <summary>Supervision order (督办) at the deadline; the task is overdue.</summary>
    Supervision = 2,

    /// <summary>Public notice (通报): named in the weekly notice.</summary>
    PublicNotice = 3,

    /// <summary>Accountability (问责): the responsible leader and unit are held to account.</summary>
    Accountability = 4,
}
