using System.Runtime.CompilerServices;
using ActorCity.Simulation.Scenarios;

namespace ActorCity.Simulation.Engine;

/// <summary>
/// A working calendar on simulation minutes (minute 0 is 00:00 local time on the campaign's first day):
/// one daily window on the working days. Time limits and crew work count only minutes inside it.
/// </summary>
public sealed class WorkingCalendar
{
    private const long MinutesPerDay = 1440;
    private readonly int _from;
    private readonly int _to;
    private readonly bool[] _workingByDayOffset = new bool[7];

    public WorkingCalendar(WorkingHoursSpec spec, DayOfWeek firstDay)
    {
        ScenarioValidator.TryParseTime(spec.From, out _from);
        ScenarioValidator.TryParseTime(spec.To, out _to);
        string[] names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
        for (var offset = 0; offset < 7; offset++)
        {
            var dayOfWeek = ((int)firstDay + offset) % 7;
            _workingByDayOffset[offset] = spec.Days.Contains(names[dayOfWeek]);
        }
    }

    /// <summary>Working minutes in one working day.</summary>
    public int MinutesPerWorkingDay => _to - _from;

    public bool IsWorkingDay(long day) => _workingByDayOffset[day % 7];

    /// <summary>The instant <paramref name="workingMinutes"/> of working time after <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Add(long start, double workingMinutes)
    {
        var t = start;
        var remaining = Math.Max(0, (long)Math.Ceiling(workingMinutes));
        while (true)
        {
            var day = t / MinutesPerDay;
            var within = t - (day * MinutesPerDay);
            if (!_workingByDayOffset[day % 7] || within >= _to)
            {
                t = ((day + 1) * MinutesPerDay) + _from;
                continue;
            }

            if (within < _from)
            {
                t = (day * MinutesPerDay) + _from;
                within = _from;
            }

            var available = _to - within;
            if (remaining <= available)
            {
                return t + remaining;
            }

            remaining -= available;
            t = ((day + 1) * MinutesPerDay) + _from;
        }
    }

    /// <summary>Working minutes between two instants (0 when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public long Between(long from, long to)
    {
        long total = 0;
        for (var day = from / MinutesPerDay; day * MinutesPerDay < to; day++)
        {
            if (!_workingByDayOffset[day % 7])
            {
                continue;
            }

            var start = Math.Max(from, (day * MinutesPerDay) + _from);
            var end = Math.Min(to, (day * MinutesPerDay) + _to);
            total += Math.Max(0, end - start);
        }

        return total;
    }

    /// <summary>A uniformly random instant inside the working window of day <paramref name="day"/>.</summary>
    public long RandomInstant(long day, Random random) => (day * MinutesPerDay) + _from + (long)(random.NextDouble() * (_to - _from));
}
