using ActorCity.Simulation.Running;

namespace ActorCity.Cli.Commands;

/// <summary>
/// Progress on stderr while replications run: replications done and the simulated day of each running one.
/// Redraws one line on a terminal; prints a line per finished replication when stderr is redirected.
/// </summary>
internal sealed class ProgressPrinter : IDisposable
{
    private readonly TextWriter _error;
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private RunProgress? _current;
    private Task? _loop;
    private int _lastCompleted = -1;

    public ProgressPrinter(TextWriter error) => _error = error;

    public void Track(RunProgress progress)
    {
        Flush();
        _current = progress;
        _lastCompleted = -1;
        _loop ??= LoopAsync();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Print(final: false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Print(bool final)
    {
        var p = _current;
        if (p is null)
        {
            return;
        }

        var done = p.Completed;
        var running = p.PerReplication.Select((r, i) => (r, i)).Where(x => x.r.IsRunning).Take(4)
            .Select(x => $"#{x.i + 1} day {x.r.Day}").ToList();
        var line = $"{p.Label}: {done}/{p.Replications} replications done{(running.Count > 0 && done < p.Replications ? "; running " + string.Join(", ", running) : "")}";
        if (_interactive)
        {
            _error.Write("\r" + line.PadRight(100) + (final ? Environment.NewLine : ""));
        }
        else if (done != _lastCompleted || final)
        {
            _error.WriteLine(line);
        }

        _lastCompleted = done;
    }

    private void Flush()
    {
        if (_current is not null)
        {
            Print(final: true);
        }
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _loop?.Wait();
        Flush();
        _stop.Dispose();
    }
}
