using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ActorCity.Runtime.Diagnostics;
using ActorCity.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorCity.Runtime.Tests;

public sealed class ObservabilityAndHostingTests
{
    [Fact]
    public async Task The_meter_reports_calls_failures_and_latency_by_grain_type_and_method_and_activations_by_type()
    {
        await using var silo = await SiloHost.StartAsync(b => b.AddGrains(typeof(ObservabilityAndHostingTests).Assembly));
        var measurements = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, silo.Silo.Metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => measurements.Add((i.Name, v, ToDictionary(tags))));
        listener.Start();

        var key = Guid.NewGuid().ToString("N");
        await silo.GrainFactory.GetGrain<ICounterGrain>(key).Increment();
        await silo.GrainFactory.GetGrain<ICounterGrain>(key).Increment();
        await Assert.ThrowsAsync<GrainRuleException>(() => silo.GrainFactory.GetGrain<IFailingGrain>(key).ThrowSynchronously("no"));
        listener.RecordObservableInstruments();

        static bool Is(Dictionary<string, object?> tags, string type, string method) =>
            Equals(tags.GetValueOrDefault("grain.type"), type) && Equals(tags.GetValueOrDefault("grain.method"), method);

        Assert.Equal(2, measurements.Where(m => m.Instrument == "actorcity.grain.calls" && Is(m.Tags, nameof(CounterGrain), "Increment")).Sum(m => m.Value));
        Assert.Equal(2, measurements.Count(m => m.Instrument == "actorcity.grain.call.duration" && Is(m.Tags, nameof(CounterGrain), "Increment")));
        Assert.Single(measurements, m => m.Instrument == "actorcity.grain.call.failures" && Is(m.Tags, nameof(FailingGrain), "ThrowSynchronously"));
        Assert.Contains(measurements, m => m.Instrument == "actorcity.grain.activations" && Equals(m.Tags.GetValueOrDefault("grain.type"), nameof(CounterGrain)) && m.Value >= 1);
        Assert.Contains(measurements, m => m.Instrument == "actorcity.scheduler.queue.length");
        Assert.Equal(RuntimeMetrics.MeterName, silo.Silo.Metrics.Meter.Name);
        Assert.Equal(measurements.Where(m => m.Instrument == "actorcity.grain.calls").Sum(m => m.Value), silo.Silo.Metrics.CallsCompleted);
    }

    [Fact]
    public async Task The_silo_counts_completed_calls_without_a_listener()
    {
        await using var silo = await SiloHost.StartAsync(b => b.AddGrains(typeof(ObservabilityAndHostingTests).Assembly));
        var key = Guid.NewGuid().ToString("N");
        var before = silo.Silo.Metrics.CallsCompleted;

        await silo.GrainFactory.GetGrain<ICounterGrain>(key).Increment();
        await silo.GrainFactory.GetGrain<ICounterGrain>(key).Increment();
        await Assert.ThrowsAsync<GrainRuleException>(() => silo.GrainFactory.GetGrain<IFailingGrain>(key).ThrowSynchronously("no"));

        Assert.Equal(3, silo.Silo.Metrics.CallsCompleted - before);
    }

    [Fact]
    public async Task A_generic_host_starts_the_silo_and_serves_grain_calls()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddActorCitySilo(silo => silo.AddMemoryGrainStorage().AddGrains(typeof(ObservabilityAndHostingTests).Assembly));
        using var host = builder.Build();
        await host.StartAsync();

        var ledger = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ILedgerGrain>(Guid.NewGuid().ToString("N"));
        await ledger.Append("reported");

        Assert.Equal(["reported"], (await ledger.Entries()).ToArray());
        await host.StopAsync();
        Assert.Equal(0, host.Services.GetRequiredService<Silo>().ActivationCount);
    }

    [Fact]
    public async Task Invalid_silo_options_are_refused_at_start_naming_the_option()
    {
        var thrown = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            SiloHost.StartAsync(b => b.Configure(o => o.ResponseTimeout = TimeSpan.Zero)));

        Assert.Contains("ResponseTimeout", thrown.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
