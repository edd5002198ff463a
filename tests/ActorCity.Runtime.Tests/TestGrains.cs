using ActorCity.Runtime.Concurrency;
using ActorCity.Runtime.Storage;

namespace ActorCity.Runtime.Tests;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    /// <summary>Reads, awaits, then writes: only turn-based execution keeps the count exact.</summary>
    Task<int> IncrementWithAwait();

    Task<int> Get();

    Task<int> GetActivationNumber();
}

public sealed class CounterGrain : Grain, ICounterGrain
{
    private static int s_activations;
    private readonly int _activationNumber = Interlocked.Increment(ref s_activations);
    private int _count;

    public static int Activations => Volatile.Read(ref s_activations);

    public Task<int> Increment() => Task.FromResult(++_count);

    public async Task<int> IncrementWithAwait()
    {
        var read = _count;
        await Task.Yield();
        await Task.Run(static () => { });
        _count = read + 1;
        return _count;
    }

    public Task<int> Get() => Task.FromResult(_count);

    public Task<int> GetActivationNumber() => Task.FromResult(_activationNumber);
}

/// <summary>Value-task methods: one that completes at once, one that awaits, one that fails, each counting its turns.</summary>
public interface ITallyGrain : IGrainWithStringKey
{
    ValueTask<int> Add(int amount);

    /// <summary>Reads, awaits, then writes, as <see cref="ICounterGrain.IncrementWithAwait"/>.</summary>
    ValueTask<int> AddAfterAwait(int amount);

    ValueTask Fail();
}

public sealed class TallyGrain : Grain, ITallyGrain
{
    private int _total;

    public ValueTask<int> Add(int amount) => ValueTask.FromResult(_total += amount);

    public async ValueTask<int> AddAfterAwait(int amount)
    {
        var read = _total;
        await Task.Yield();
        await Task.Run(static () => { });
        _total = read + amount;
        return _total;
    }

    public ValueTask Fail() => ValueTask.FromException(new InvalidOperationException("tally failed"));
}

public interface IActivationProbeGrain : IGrainWithStringKey
{
    Task<int> Touch();
}

public sealed class ActivationProbeGrain : Grain, IActivationProbeGrain
{
    private static int s_constructed;

    public static int Constructed => Volatile.Read(ref s_constructed);

    public static void Reset() => Interlocked.Exchange(ref s_constructed, 0);

    public ActivationProbeGrain() => Interlocked.Increment(ref s_constructed);

    public Task<int> Touch() => Task.FromResult(1);
}

/// <summary>Test-side gates that grain calls wait on, named so that call arguments stay immutable strings.</summary>
public static class Gates
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> s_gates = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> s_entered = new();

    public static TaskCompletionSource Get(string name) =>
        s_gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public static void Entered(string name) => s_entered.AddOrUpdate(name, 1, (_, n) => n + 1);

    public static int EnteredCount(string name) => s_entered.TryGetValue(name, out var n) ? n : 0;
}

public interface IGateGrain : IGrainWithStringKey
{
    /// <summary>Returns how many calls were inside the method when this one entered.</summary>
    Task<int> EnterAndWait(string gate);
}

/// <summary>Counts the calls inside <see cref="EnterAndWait"/>; the subclasses differ only in their scheduling attribute.</summary>
public abstract class GateGrainBase : Grain
{
    private int _inside;

    public async Task<int> EnterAndWait(string gate)
    {
        var seen = ++_inside;
        Gates.Entered(gate);
        await Gates.Get(gate).Task;
        _inside--;
        return seen;
    }
}

/// <summary>Reentrant: a second call enters while the first awaits.</summary>
[Reentrant]
public sealed class ReentrantGateGrain : GateGrainBase, IGateGrain;

public interface ISerialGateGrain : IGrainWithStringKey
{
    Task<int> EnterAndWait(string gate);
}

public sealed class SerialGateGrain : GateGrainBase, ISerialGateGrain;

public interface IFailingGrain : IGrainWithStringKey
{
    Task<int> ThrowSynchronously(string message);

    Task ThrowAfterAwait(string message);

    Task<int> Hang();
}

public sealed class GrainRuleException(string message) : Exception(message);

public sealed class FailingGrain : Grain, IFailingGrain
{
    public Task<int> ThrowSynchronously(string message) => throw new GrainRuleException(message);

    public async Task ThrowAfterAwait(string message)
    {
        await Task.Yield();
        throw new ArgumentOutOfRangeException(nameof(message), message);
    }

    public async Task<int> Hang()
    {
        await Task.Delay(TimeSpan.FromMinutes(5));
        return 0;
    }
}
