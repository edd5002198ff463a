using System.Diagnostics;
using ActorCity.Runtime;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Time;

namespace ActorCity.Cli.Bench;

/// <summary>Figures of one <c>bench ping</c> run; grain and channel measured in the same process and run.</summary>
public sealed record PingReport(
    double GrainCallsPerSecond,
    double ChannelCallsPerSecond,
    double Ratio,
    double GrainSequentialCallsPerSecond,
    double ChannelSequentialCallsPerSecond,
    double SequentialRatio,
    double GrainP50Micros,
    double GrainP99Micros,
    double ChannelP50Micros,
    double ChannelP99Micros,
    double AllocatedBytesPerCall,
    double DeterministicCallsPerSecond,
    int ConcurrentCallers,
    double SecondsPerPhase,
    int ProcessorCount,
    bool ServerGc);

/// <summary>
/// Measures the grain call path against the channel baseline: sequential latency (one caller, one target) and
/// throughput with 1,000 concurrent callers on 1,000 targets, plus bytes allocated per grain call.
/// </summary>
public static class PingBenchmark
{
    public const int ConcurrentCallers = 1000;

    private const int YieldEvery = 15;

    public static async Task<PingReport> RunAsync(TimeSpan phase, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var silo = await SiloHost.StartAsync(b => b.AddGrains(typeof(PingGrain).Assembly), cancellationToken);
        var grains = Enumerable.Range(0, ConcurrentCallers).Select(i => silo.GrainFactory.GetGrain<IPingGrain>(i)).ToArray();
        var channels = Enumerable.Range(0, ConcurrentCallers).Select(_ => new ChannelPingServer()).ToArray();
        try
        {
            progress?.Report("warming up");
            await Concurrent(v => grains[v % ConcurrentCallers].Ping(v), TimeSpan.FromMilliseconds(300), cancellationToken);
            await Concurrent(v => channels[v % ConcurrentCallers].Ping(v), TimeSpan.FromMilliseconds(300), cancellationToken);
            await Sequential(grains[0].Ping, TimeSpan.FromMilliseconds(200), cancellationToken);
            await Sequential(channels[0].Ping, TimeSpan.FromMilliseconds(200), cancellationToken);

            progress?.Report("grain calls, sequential");
            var grainSequential = await Sequential(grains[0].Ping, phase, cancellationToken);
            progress?.Report("channel calls, sequential");
            var channelSequential = await Sequential(channels[0].Ping, phase, cancellationToken);
            progress?.Report($"grain calls, {ConcurrentCallers} concurrent callers");
            var grainConcurrent = await Concurrent(v => grains[v % ConcurrentCallers].Ping(v), phase, cancellationToken);
            progress?.Report($"channel calls, {ConcurrentCallers} concurrent callers");
            var channelConcurrent = await Concurrent(v => channels[v % ConcurrentCallers].Ping(v), phase, cancellationToken);
            progress?.Report("grain calls into a deterministic silo (the simulation's path), sequential");
            var deterministic = await DeterministicSequential(phase, cancellationToken);

            return new PingReport(
                GrainCallsPerSecond: Math.Round(grainConcurrent.CallsPerSecond),
                ChannelCallsPerSecond: Math.Round(channelConcurrent.CallsPerSecond),
                Ratio: Math.Round(grainConcurrent.CallsPerSecond / channelConcurrent.CallsPerSecond, 3),
                GrainSequentialCallsPerSecond: Math.Round(grainSequential.CallsPerSecond),
                ChannelSequentialCallsPerSecond: Math.Round(channelSequential.CallsPerSecond),
                SequentialRatio: Math.Round(grainSequential.CallsPerSecond / channelSequential.CallsPerSecond, 3),
                GrainP50Micros: Math.Round(grainSequential.P50Micros, 3),
                GrainP99Micros: Math.Round(grainSequential.P99Micros, 3),
                ChannelP50Micros: Math.Round(channelSequential.P50Micros, 3),
                ChannelP99Micros: Math.Round(channelSequential.P99Micros, 3),
                AllocatedBytesPerCall: Math.Round(Math.Max(grainSequential.BytesPerCall, grainConcurrent.BytesPerCall), 1),
                DeterministicCallsPerSecond: Math.Round(deterministic.CallsPerSecond),
                ConcurrentCallers: ConcurrentCallers,
                SecondsPerPhase: phase.TotalSeconds,
                ProcessorCount: Environment.ProcessorCount,
                ServerGc: System.Runtime.GCSettings.IsServerGC);
        }
        finally
        {
            foreach (var channel in channels)
            {
                await channel.DisposeAsync();
            }
        }
    }

    private sealed record Phase(double CallsPerSecond, double P50Micros, double P99Micros, double BytesPerCall);

    private static async Task<Phase> Sequential(Func<int, Task<int>> call, TimeSpan duration, CancellationToken cancellationToken)
    {
        var samples = new long[1 << 22];
        var count = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long now;
        do
        {
            var before = Stopwatch.GetTimestamp();
            var result = await call(count);
            now = Stopwatch.GetTimestamp();
            if (result != count + 1)
            {
                throw new InvalidOperationException($"Ping({count}) answered {result}.");
            }

            samples[count & (samples.Length - 1)] = now - before;
            count++;
        }
        while (now < end && !cancellationToken.IsCancellationRequested);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var kept = Math.Min(count, samples.Length);
        Array.Sort(samples, 0, kept);
        return new Phase(count / elapsed, Micros(samples[(int)(kept * 0.50)]), Micros(samples[(int)(kept * 0.99)]), (double)allocated / count);
    }

    private static async Task<Phase> Concurrent(Func<int, Task<int>> call, TimeSpan duration, CancellationToken cancellationToken)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var callers = new Task<long>[ConcurrentCallers];
        for (var i = 0; i < callers.Length; i++)
        {
            var caller = i;
            callers[i] = Task.Run(async () =>
            {
                long calls = 0;
                while (!cancellationToken.IsCancellationRequested)
                {
                    var result = await call(caller);
                    if (result != caller + 1)
                    {
                        throw new InvalidOperationException($"Ping({caller}) answered {result}.");
                    }

                    // Calls that complete synchronously never give the thread back: yield now and then so that
                    // all callers really run concurrently, and each caller watches the deadline itself.
                    if ((++calls & YieldEvery) == 0)
                    {
                        if (Stopwatch.GetTimestamp() >= end)
                        {
                            break;
                        }

                        await Task.Yield();
                    }
                }

                return calls;
            }, cancellationToken);
        }

        var total = (await Task.WhenAll(callers)).Sum();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new Phase(total / elapsed, 0, 0, (double)allocated / total);
    }

    /// <summary>Calls from outside into a silo on the virtual clock and the deterministic scheduler, over 1,000 grains.</summary>
    private static async Task<Phase> DeterministicSequential(TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = new VirtualTimeProvider(DateTimeOffset.UnixEpoch);
        await using var silo = await SiloHost.StartAsync(b => b.UseVirtualClock(clock).UseDeterministicScheduler().AddGrains(typeof(PingGrain).Assembly), cancellationToken);
        var grains = Enumerable.Range(0, ConcurrentCallers).Select(i => silo.GrainFactory.GetGrain<IPingGrain>(i)).ToArray();
        await Sequential(v => grains[v % ConcurrentCallers].Ping(v), TimeSpan.FromMilliseconds(200), cancellationToken);
        return await Sequential(v => grains[v % ConcurrentCallers].Ping(v), duration, cancellationToken);
    }

    private static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
