using ActorCity.Cli.Bench;
using ActorCity.Runtime.Hosting;
using BenchmarkDotNet.Attributes;

namespace ActorCity.Benchmarks;

/// <summary>One grain call against one channel request/response; the ratio column is what to read.</summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private const int CallsPerOperation = 1000;
    private SiloHost _silo = null!;
    private IPingGrain _grain = null!;
    private ChannelPingServer _channel = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _silo = await SiloHost.StartAsync(b => b.AddGrains(typeof(PingGrain).Assembly));
        _grain = _silo.GrainFactory.GetGrain<IPingGrain>(1);
        _channel = new ChannelPingServer();
        await _grain.Ping(0);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _channel.DisposeAsync();
        await _silo.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerOperation)]
    public async Task<int> ChannelCall()
    {
        var sum = 0;
        for (var i = 0; i < CallsPerOperation; i++)
        {
            sum += await _channel.Ping(i);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = CallsPerOperation)]
    public async Task<int> GrainCall()
    {
        var sum = 0;
        for (var i = 0; i < CallsPerOperation; i++)
        {
            sum += await _grain.Ping(i);
        }

        return sum;
    }

    /// <summary>A reference to a grain already active, as a grain takes one before calling another (no call made).</summary>
    [Benchmark(OperationsPerInvoke = CallsPerOperation)]
    public int GetActiveGrain()
    {
        var factory = _silo.GrainFactory;
        var found = 0;
        for (var i = 0; i < CallsPerOperation; i++)
        {
            found += ReferenceEquals(factory.GetGrain<IPingGrain>(1), _grain) ? 1 : 0;
        }

        return found;
    }
}
