using ActorCity.Runtime.Time;
using BenchmarkDotNet.Attributes;

namespace ActorCity.Benchmarks;

/// <summary>
/// The virtual clock's timer queue at the size of stress-100k: 100,000 armed timers due at scattered times over 60
/// days, as the task grains' escalation reminders are. <see cref="Rearm"/> moves timers to new random due times, what a
/// command or a tick does to its task's reminder (a tick also takes the first timer out: the same sift). Each
/// operation is one timer's share.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class VirtualClockBenchmarks
{
    private const int Timers = 100_000;
    private static readonly TimeSpan s_horizon = TimeSpan.FromDays(60);
    private VirtualTimeProvider _clock = null!;
    private ITimer[] _timers = [];
    private TimeSpan[] _dueTimes = [];
    private int[] _order = [];
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _clock = new VirtualTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var random = new Random(20260601);
        _dueTimes = [.. Enumerable.Range(0, Timers).Select(_ => TimeSpan.FromMinutes(random.Next(1, (int)s_horizon.TotalMinutes)))];
        _order = [.. Enumerable.Range(0, Timers).OrderBy(_ => random.Next())];
        _timers = [.. _dueTimes.Select(due => _clock.CreateTimer(static _ => { }, null, due, Timeout.InfiniteTimeSpan))];
    }

    /// <summary>Re-arms every timer, in random order, for another timer's due time (a different one each round).</summary>
    [Benchmark(OperationsPerInvoke = Timers)]
    public void Rearm()
    {
        var shift = (++_round * 7919) % Timers;
        for (var i = 0; i < Timers; i++)
        {
            _timers[_order[i]].Change(_dueTimes[(i + shift) % Timers], Timeout.InfiniteTimeSpan);
        }
    }
}
