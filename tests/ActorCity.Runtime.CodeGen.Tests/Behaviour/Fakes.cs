using ActorCity.Runtime.Invocation;
using ActorCity.Runtime.Storage;
using ActorCity.Runtime.Timers;

namespace ActorCity.Runtime.CodeGen.Tests.Behaviour;

/// <summary>Records each request and runs it against a local target, as the runtime would on the activation.</summary>
internal sealed class RecordingInvoker(object target) : IGrainCallInvoker
{
    private readonly object _target = target;

    public List<(GrainReference Target, GrainRequest Request)> Calls { get; } = [];

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        Calls.Add((target, request));
        return request.Invoke(_target);
    }

    public Task InvokeAsync(GrainReference target, GrainVoidRequest request)
    {
        Calls.Add((target, request));
        return request.Invoke(_target);
    }
}

/// <summary>A plain implementation of the grain interface that remembers how it was called.</summary>
internal sealed class RecordingCounter : INamedCounterGrain
{
    public List<string> Log { get; } = [];

    public Task<int> Add(int amount, CancellationToken cancellationToken)
    {
        Log.Add($"Add({amount}, canBeCanceled={cancellationToken.CanBeCanceled})");
        return Task.FromResult(amount * 2);
    }

    public Task<int> Add(string label, int amount)
    {
        Log.Add($"Add({label}, {amount})");
        return Task.FromResult(-amount);
    }

    public ValueTask<string> Describe(string? prefix)
    {
        Log.Add($"Describe({prefix ?? "null"})");
        return ValueTask.FromResult($"{prefix}:counter");
    }

    public Task Reset()
    {
        Log.Add("Reset()");
        return Task.CompletedTask;
    }

    public ValueTask Touch()
    {
        Log.Add("Touch()");
        return ValueTask.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Log.Add($"ReceiveReminder({reminderName}, {status.Period})");
        return Task.CompletedTask;
    }
}

internal sealed class RecordingRegistrar : IGrainTypeRegistrar
{
    public Dictionary<Type, GrainReferenceActivator> Interfaces { get; } = [];

    public Dictionary<Type, GrainActivator> GrainClasses { get; } = [];

    public void AddInterface(Type grainInterface, GrainReferenceActivator referenceActivator) => Interfaces.Add(grainInterface, referenceActivator);

    public void AddGrainClass(Type grainClass, GrainActivator activator) => GrainClasses.Add(grainClass, activator);
}

internal sealed class FakeServices : IServiceProvider
{
    private readonly Dictionary<Type, object> _services = [];

    public FakeServices Add<T>(T service)
        where T : notnull
    {
        _services[typeof(T)] = service;
        return this;
    }

    public object? GetService(Type serviceType) => _services.GetValueOrDefault(serviceType);
}

internal sealed class FakeStateFactory : IPersistentStateFactory
{
    public List<(IGrainContext Context, string StateName, string StorageName, Type StateType)> Created { get; } = [];

    public IPersistentState<TState> Create<TState>(IGrainContext context, string stateName, string storageName)
    {
        Created.Add((context, stateName, storageName, typeof(TState)));
        return new FakeState<TState>(stateName, storageName);
    }
}

internal sealed class FakeState<TState>(string stateName, string storageName) : IPersistentState<TState>
{
    public string StateName { get; } = stateName;

    public string StorageName { get; } = storageName;

    public TState State { get; set; } = default!;

    public string? Etag => null;

    public bool RecordExists => false;

    public Task ReadStateAsync() => Task.CompletedTask;

    public Task WriteStateAsync() => Task.CompletedTask;

    public Task ClearStateAsync() => Task.CompletedTask;
}

internal sealed class FakeClock : IClockService
{
    public DateTimeOffset Now => DateTimeOffset.UnixEpoch;
}

internal sealed class FakeGrainContext(GrainId grainId) : IGrainContext
{
    public GrainId GrainId { get; } = grainId;

    public IGrainFactory GrainFactory => throw new NotSupportedException();

    public IServiceProvider ActivationServices => throw new NotSupportedException();

    public TimeProvider TimeProvider => TimeProvider.System;

    public void DeactivateOnIdle() => throw new NotSupportedException();

    public void DelayDeactivation(TimeSpan timeSpan) => throw new NotSupportedException();

    public IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
        => throw new NotSupportedException();

    public Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) => throw new NotSupportedException();

    public Task UnregisterReminder(IGrainReminder reminder) => throw new NotSupportedException();

    public Task<IGrainReminder?> GetReminder(string reminderName) => throw new NotSupportedException();

    public Task<IReadOnlyList<IGrainReminder>> GetReminders() => throw new NotSupportedException();
}

/// <summary>Runs every call inline, as the runtime does for an idle activation it already knows, and records how each call began and ended.</summary>
internal sealed class InlineInvoker(object target) : IGrainCallInvoker
{
    public List<string> Log { get; } = [];

    public InlineCall BeginInline(GrainReference target1, GrainMethodDescriptor method)
    {
        Log.Add($"begin {method}");
        return new InlineCall(target, this, null, method, 0);
    }

    public Task<TResult> EndInline<TResult>(in InlineCall call, Task<TResult> task)
    {
        Log.Add($"end {call.Method} {task.Status}");
        return task;
    }

    public Task EndInline(in InlineCall call, Task task)
    {
        Log.Add($"end {call.Method} {task.Status}");
        return task;
    }

    public ValueTask<TResult> EndInline<TResult>(in InlineCall call, ValueTask<TResult> task)
    {
        Log.Add($"end {call.Method} value task {(task.IsCompletedSuccessfully ? "RanToCompletion" : task.IsFaulted ? "Faulted" : "Pending")}");
        return task;
    }

    public ValueTask EndInline(in InlineCall call, ValueTask task)
    {
        Log.Add($"end {call.Method} value task {(task.IsCompletedSuccessfully ? "RanToCompletion" : task.IsFaulted ? "Faulted" : "Pending")}");
        return task;
    }

    public Task<TResult> InvokeAsync<TResult>(GrainReference target1, GrainRequest<TResult> request) =>
        throw new InvalidOperationException("An inline call must not send a request.");

    public Task InvokeAsync(GrainReference target1, GrainVoidRequest request) =>
        throw new InvalidOperationException("An inline call must not send a request.");
}

/// <summary>A grain whose methods throw before returning a task.</summary>
internal sealed class ThrowingCounter : ICounterGrain
{
    public Task<int> Add(int amount, CancellationToken cancellationToken) => throw new InvalidOperationException($"add {amount}");

    public ValueTask<string> Describe(string? prefix) => throw new InvalidOperationException("describe");

    public Task Reset() => throw new InvalidOperationException("reset");

    public ValueTask Touch() => throw new InvalidOperationException("touch");
}
