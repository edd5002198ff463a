using System.Globalization;
using ActorCity.Runtime.Timers;

namespace ActorCity.Runtime;

/// <summary>
/// Base class of every grain. An activation runs one turn at a time; continuations after an
/// <c>await</c> run on the activation unless the class is <c>[Reentrant]</c> or the method <c>[AlwaysInterleave]</c>.
/// </summary>
public abstract class Grain
{
    private readonly IGrainContext _context;

    /// <summary>Grains are constructed by the runtime only; use <see cref="IGrainFactory.GetGrain{T}(string)"/>.</summary>
    protected Grain()
    {
        _context = RuntimeContext.Activating
            ?? throw new InvalidOperationException(
                $"{GetType().Name} was constructed outside the runtime. Grains are activated by their first call: use IGrainFactory.GetGrain.");
    }

    public IGrainContext GrainContext => _context;

    public GrainId GrainId => _context.GrainId;

    public string IdentityString => _context.GrainId.ToString();

    protected IGrainFactory GrainFactory => _context.GrainFactory;

    protected IServiceProvider ServiceProvider => _context.ActivationServices;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    protected void DeactivateOnIdle() => _context.DeactivateOnIdle();

    protected void DelayDeactivation(TimeSpan timeSpan) => _context.DelayDeactivation(timeSpan);

    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
        => _context.RegisterGrainTimer(callback, state, options);

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
        => _context.RegisterGrainTimer(static (cb, ct) => cb(ct), callback, options);

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        => RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    protected IGrainTimer RegisterGrainTimer(Func<Task> callback, TimeSpan dueTime, TimeSpan period)
        => _context.RegisterGrainTimer(static (cb, _) => cb(), callback, new GrainTimerCreationOptions(dueTime, period));

    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
        => _context.RegisterOrUpdateReminder(reminderName, dueTime, period);

    protected Task UnregisterReminder(IGrainReminder reminder) => _context.UnregisterReminder(reminder);

    protected Task<IGrainReminder?> GetReminder(string reminderName) => _context.GetReminder(reminderName);

    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => _context.GetReminders();
}

/// <summary>Key accessors, as Orleans' <c>GrainExtensions</c>.</summary>
public static class GrainExtensions
{
    public static string GetPrimaryKeyString(this Grain grain) => grain.GrainId.Key;

    public static long GetPrimaryKeyLong(this Grain grain) => long.Parse(grain.GrainId.Key, CultureInfo.InvariantCulture);

    public static Guid GetPrimaryKey(this Grain grain) => Guid.ParseExact(grain.GrainId.Key, "N");

    /// <summary>The identity of a grain reference.</summary>
    public static GrainId GetGrainId(this IAddressable addressable) => addressable switch
    {
        Invocation.GrainReference reference => reference.GrainId,
        Grain grain => grain.GrainId,
        _ => throw new ArgumentException($"{addressable.GetType().Name} is neither a grain nor a grain reference.", nameof(addressable)),
    };
}
