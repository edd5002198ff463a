using System.Diagnostics;
using System.Diagnostics.Metrics;
using ActorCity.Runtime.Catalog;
using ActorCity.Runtime.Invocation;

namespace ActorCity.Runtime.Diagnostics;

/// <summary>
/// The runtime's meter, <c>ActorCity.Runtime</c>: activations by grain type, calls, failures and latency by grain
/// type and method, timer and reminder firings, and queue lengths. Instruments cost nothing on the call path until a
/// listener enables them.
/// </summary>
public sealed class RuntimeMetrics : IDisposable
{
    public const string MeterName = "ActorCity.Runtime";

    private static readonly KeyValuePair<string, object?>[] s_timerTags = [new("timer.kind", "timer")];
    private static readonly KeyValuePair<string, object?>[] s_reminderTags = [new("timer.kind", "reminder")];

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _firings;
    private readonly Func<IEnumerable<ActivationData>> _activations;
    private long _callsCompleted;
    private long _timerFirings;

    internal RuntimeMetrics(Func<IEnumerable<ActivationData>> activations, string siloName)
    {
        _activations = activations;
        _meter = new Meter(MeterName, "1.0", [new KeyValuePair<string, object?>("silo", siloName)]);
        _calls = _meter.CreateCounter<long>("actorcity.grain.calls", "{call}", "Grain calls completed, by grain type and method.");
        _failures = _meter.CreateCounter<long>("actorcity.grain.call.failures", "{call}", "Grain calls that failed, by grain type and method.");
        _latency = _meter.CreateHistogram<double>("actorcity.grain.call.duration", "us", "Grain call latency from call to completion, by grain type and method.");
        _firings = _meter.CreateCounter<long>(
            "actorcity.timer.firings", "{firing}", "Grain timer ticks run and reminder ticks handed to their grains, by kind (timer, reminder).");
        _meter.CreateObservableUpDownCounter("actorcity.grain.activations", ObserveActivations, "{activation}", "Live activations by grain type.");
        _meter.CreateObservableGauge("actorcity.scheduler.queue.length", ObserveQueueLengths, "{request}", "Requests queued on activations, by grain type.");
    }

    public Meter Meter => _meter;

    /// <summary>
    /// Grain calls completed by this silo since it started (what <c>actorcity.grain.calls</c> counts), kept whether or not
    /// a listener is attached: the simulation reads its event count here, which costs an increment per call where a
    /// meter listener costs a callback with the call's tags.
    /// </summary>
    public long CallsCompleted => Interlocked.Read(ref _callsCompleted);

    /// <summary>
    /// Timer firings processed by this silo since it started (what <c>actorcity.timer.firings</c> counts): each grain
    /// timer tick whose callback ran, and each reminder tick handed to its grain. A reminder tick is then also a call
    /// (<see cref="IRemindable.ReceiveReminder"/>), counted in <see cref="CallsCompleted"/> when it completes.
    /// </summary>
    public long TimerFirings => Interlocked.Read(ref _timerFirings);

    internal long Timestamp() => _latency.Enabled ? Stopwatch.GetTimestamp() : 0;

    internal void RecordCall(GrainClassInfo grainClass, GrainMethodDescriptor method, long startTimestamp, bool failed)
    {
        Interlocked.Increment(ref _callsCompleted);
        if (!_calls.Enabled && !_latency.Enabled && !_failures.Enabled)
        {
            return;
        }

        var tags = Tags(grainClass, method);
        _calls.Add(1, tags);
        if (failed)
        {
            _failures.Add(1, tags);
        }

        if (startTimestamp != 0)
        {
            _latency.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds, tags);
        }
    }

    internal void RecordTimerFiring(TimerKind kind)
    {
        Interlocked.Increment(ref _timerFirings);
        if (_firings.Enabled)
        {
            _firings.Add(1, kind == TimerKind.Reminder ? s_reminderTags : s_timerTags);
        }
    }

    private static ReadOnlySpan<KeyValuePair<string, object?>> Tags(GrainClassInfo grainClass, GrainMethodDescriptor method)
    {
        if (method.RuntimeData is KeyValuePair<string, object?>[] cached && ReferenceEquals(cached[0].Value, grainClass.GrainType))
        {
            return cached;
        }

        var tags = new KeyValuePair<string, object?>[]
        {
            new("grain.type", grainClass.GrainType),
            new("grain.interface", method.InterfaceType.Name),
            new("grain.method", method.MethodName),
        };
        method.RuntimeData = tags;
        return tags;
    }

    private IEnumerable<Measurement<int>> ObserveActivations() =>
        _activations()
            .Where(a => a.Status == ActivationStatus.Valid)
            .GroupBy(a => a.ClassInfo.GrainType)
            .Select(g => new Measurement<int>(g.Count(), new KeyValuePair<string, object?>("grain.type", g.Key)));

    private IEnumerable<Measurement<int>> ObserveQueueLengths() =>
        _activations()
            .GroupBy(a => a.ClassInfo.GrainType)
            .Select(g => new Measurement<int>(g.Sum(a => a.QueueLength), new KeyValuePair<string, object?>("grain.type", g.Key)));

    public void Dispose() => _meter.Dispose();
}

/// <summary>What fired: a grain timer or a reminder.</summary>
internal enum TimerKind
{
    Timer,
    Reminder,
}
