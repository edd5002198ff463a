using ActorCity.Runtime.Concurrency;
using ActorCity.Runtime.Storage;

namespace ActorCity.Runtime.CodeGen.Tests.Behaviour;

// These declarations are compiled with the generator as an analyzer: the tests below use what it generated.

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount, CancellationToken cancellationToken);

    ValueTask<string> Describe(string? prefix);

    [AlwaysInterleave]
    Task Reset();

    ValueTask Touch();
}

public interface INamedCounterGrain : ICounterGrain, IRemindable
{
    Task<int> Add(string label, int amount);
}

public sealed record CounterState(int Total);

public interface IClockService
{
    DateTimeOffset Now { get; }
}

/// <summary>A grain whose constructor exercises every way the activator resolves an argument.</summary>
public sealed class CounterGrain(
    [PersistentState("counter", "memory")] IPersistentState<CounterState> counter,
    [PersistentState("audit")] IPersistentState<CounterState> audit,
    IGrainContext context,
    IClockService clock,
    int limit = 100) : Grain, INamedCounterGrain
{
    public IPersistentState<CounterState> Counter { get; } = counter;

    public IPersistentState<CounterState> Audit { get; } = audit;

    public IGrainContext Context { get; } = context;

    public IClockService Clock { get; } = clock;

    public int Limit { get; } = limit;

    public Task<int> Add(int amount, CancellationToken cancellationToken) => Task.FromResult(amount);

    public Task<int> Add(string label, int amount) => Task.FromResult(amount);

    public ValueTask<string> Describe(string? prefix) => ValueTask.FromResult(prefix ?? string.Empty);

    public Task Reset() => Task.CompletedTask;

    public ValueTask Touch() => ValueTask.CompletedTask;

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
