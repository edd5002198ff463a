using ActorCity.Runtime.Concurrency;

namespace ActorCity.Runtime.Tests;

public interface IDispatcherGrain : IGrainWithStringKey
{
    /// <summary>Calls the worker, which calls back <see cref="Notify"/> before answering.</summary>
    Task<int> Dispatch(string worker);

    [AlwaysInterleave]
    Task Notify(int value);
}

public sealed class DispatcherGrain : Grain, IDispatcherGrain
{
    private int _notified;

    public async Task<int> Dispatch(string worker)
    {
        await GrainFactory.GetGrain<ICallbackWorkerGrain>(worker).Work(this.GetPrimaryKeyString());
        return _notified;
    }

    public Task Notify(int value)
    {
        _notified += value;
        return Task.CompletedTask;
    }
}

public interface ICallbackWorkerGrain : IGrainWithStringKey
{
    Task Work(string dispatcher);
}

public sealed class CallbackWorkerGrain : Grain, ICallbackWorkerGrain
{
    public Task Work(string dispatcher) => GrainFactory.GetGrain<IDispatcherGrain>(dispatcher).Notify(1);
}
