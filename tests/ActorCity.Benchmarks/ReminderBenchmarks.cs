using ActorCity.Runtime;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Reminders;
using ActorCity.Runtime.Time;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCity.Benchmarks;

/// <summary>
/// Reminder operations with 100,000 remindable grains alive on the virtual clock and the in-memory table, as in
/// stress-100k, where each task grain registers an escalation reminder, re-arms it, takes ticks and unregisters it.
/// The service is called directly (not through a grain call) so that the figures are the reminder machinery's own;
/// ticks still go to the grains. The <c>ViaActivation</c> methods go one step up, through the activation's
/// <see cref="IGrainContext"/> methods that <see cref="Grain.RegisterOrUpdateReminder"/> and
/// <see cref="Grain.UnregisterReminder"/> call, still outside a grain call. Each operation is one grain's share:
/// compare before/after runs of the same method.
/// </summary>
// Min as well as mean: on a shared two-core machine the fastest iteration is the least disturbed one.
[MemoryDiagnoser]
[MinColumn]
public class ReminderBenchmarks
{
    private const int Grains = 100_000;
    private const string Name = "escalation";
    private static readonly TimeSpan s_period = TimeSpan.FromHours(1);
    private VirtualTimeProvider _clock = null!;
    private SiloHost _silo = null!;
    private ReminderService _reminders = null!;
    private GrainId[] _ids = [];
    private IGrainContext[] _activations = [];
    private IGrainReminder[] _handles = [];

    [GlobalSetup]
    public async Task Setup()
    {
        _clock = new VirtualTimeProvider(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));
        _silo = await SiloHost.StartAsync(b => b
            .UseVirtualClock(_clock)
            .UseDeterministicScheduler()
            .UseInMemoryReminders()
            .AddGrains(typeof(ReminderBenchGrain).Assembly)
            .Configure(o => o.CollectionAge = Timeout.InfiniteTimeSpan));
        _reminders = _silo.Services.GetRequiredService<SiloRuntime>().Reminders;
        _ids = [.. Enumerable.Range(0, Grains).Select(i => new GrainId(nameof(ReminderBenchGrain), $"T-{i:D6}"))];
        _handles = new IGrainReminder[Grains];

        // One tick to every grain activates all of them, so the measured ticks find live activations.
        await RegisterAll(TimeSpan.Zero);
        await _clock.AdvanceAsync(TimeSpan.Zero);
        await UnregisterAll();
        var catalog = _silo.Services.GetRequiredService<SiloRuntime>().Catalog;
        _activations = [.. _ids.Select(id => (IGrainContext)(catalog.Find(id) ?? throw new InvalidOperationException($"{id} is not active.")))];
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _silo.DisposeAsync();

    /// <summary>Register, re-arm twice and unregister, without a tick; the clock then passes the dropped due times.</summary>
    [Benchmark(OperationsPerInvoke = Grains)]
    public async Task RegisterRearmUnregister()
    {
        await RegisterAll(TimeSpan.FromMinutes(30));
        await RegisterAll(TimeSpan.FromMinutes(20));
        await RegisterAll(TimeSpan.FromMinutes(10));
        await UnregisterAll();
        await _clock.AdvanceAsync(TimeSpan.FromHours(1));
    }

    /// <summary>Register, take two ticks (each re-arms the timer for the next period) and unregister.</summary>
    [Benchmark(OperationsPerInvoke = Grains)]
    public async Task RegisterTwoTicksUnregister()
    {
        await RegisterAll(TimeSpan.FromMinutes(30));
        await _clock.AdvanceAsync(TimeSpan.FromMinutes(30) + s_period);
        await UnregisterAll();
        await _clock.AdvanceAsync(TimeSpan.FromMinutes(30));
    }

    /// <summary><see cref="RegisterRearmUnregister"/> through the activations.</summary>
    [Benchmark(OperationsPerInvoke = Grains)]
    public async Task RegisterRearmUnregisterViaActivation()
    {
        await RegisterAllViaActivation(TimeSpan.FromMinutes(30));
        await RegisterAllViaActivation(TimeSpan.FromMinutes(20));
        await RegisterAllViaActivation(TimeSpan.FromMinutes(10));
        await UnregisterAllViaActivation();
        await _clock.AdvanceAsync(TimeSpan.FromHours(1));
    }

    /// <summary><see cref="RegisterTwoTicksUnregister"/> through the activations.</summary>
    [Benchmark(OperationsPerInvoke = Grains)]
    public async Task RegisterTwoTicksUnregisterViaActivation()
    {
        await RegisterAllViaActivation(TimeSpan.FromMinutes(30));
        await _clock.AdvanceAsync(TimeSpan.FromMinutes(30) + s_period);
        await UnregisterAllViaActivation();
        await _clock.AdvanceAsync(TimeSpan.FromMinutes(30));
    }

    private async Task RegisterAll(TimeSpan dueTime)
    {
        for (var i = 0; i < _ids.Length; i++)
        {
            _handles[i] = await _reminders.RegisterOrUpdateAsync(_ids[i], Name, dueTime, s_period);
        }
    }

    private async Task UnregisterAll()
    {
        for (var i = 0; i < _ids.Length; i++)
        {
            await _reminders.UnregisterAsync(_ids[i], _handles[i]);
        }
    }

    private async Task RegisterAllViaActivation(TimeSpan dueTime)
    {
        for (var i = 0; i < _activations.Length; i++)
        {
            _handles[i] = await _activations[i].RegisterOrUpdateReminder(Name, dueTime, s_period);
        }
    }

    private async Task UnregisterAllViaActivation()
    {
        for (var i = 0; i < _activations.Length; i++)
        {
            await _activations[i].UnregisterReminder(_handles[i]);
        }
    }
}

public interface IReminderBenchGrain : IGrainWithStringKey, IRemindable;

public sealed class ReminderBenchGrain : Grain, IReminderBenchGrain
{
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
