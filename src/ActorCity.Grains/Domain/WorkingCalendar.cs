using System.Globalization;
using System.Runtime.CompilerServices;

namespace ActorCity.Grains.Domain;

/// <summary>
/// Working-calendar arithmetic (工作日历): working periods, rest days, holidays and make-up days (调休), in the
/// campaign's local offset. A working day is the sum of its periods, so "N working days" is N times that many working
/// minutes: dispatched Friday 10:00, one working day later is Monday 10:00.
/// </summary>
public sealed class WorkingCalendar
{
    private const int MaxDaysScanned = 3660;
    private static readonly ConditionalWeakTable<WorkingCalendarSettings, WorkingCalendar> s_cache = [];

    private readonly TimeSpan _offset;
    private readonly (long Start, long End)[] _periods;
    private readonly bool[] _restDays = new bool[7];
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _extraWorkingDays;

    public WorkingCalendar(WorkingCalendarSettings settings)
    {
        _offset = settings.UtcOffset;
        _periods = settings.Periods
            .Select(p => (p.Start.Ticks, p.End.Ticks))
            .OrderBy(p => p.Item1)
            .ToArray();
        for (var i = 0; i < _periods.Length; i++)
        {
            var (start, end) = _periods[i];
            if (end <= start || start < 0 || end > TimeSpan.TicksPerDay || (i > 0 && start < _periods[i - 1].End))
            {
                throw new DomainException(DomainErrors.InvalidSettings, "Working periods must be non-empty, inside one day and must not overlap.");
            }
        }

        foreach (var day in settings.RestDays)
        {
            _restDays[(int)day] = true;
        }

        _holidays = ParseDates(settings.Holidays);
        _extraWorkingDays = ParseDates(settings.ExtraWorkingDays);
        DayTicks = _periods.Sum(p => p.End - p.Start);
        if (DayTicks == 0)
        {
            throw new DomainException(DomainErrors.InvalidSettings, "A working day needs at least one working period.");
        }
    }

    /// <summary>Working time in one working day, in ticks.</summary>
    public long DayTicks { get; }

    public TimeSpan UtcOffset => _offset;

    /// <summary>One calendar per settings instance: settings are immutable, so the parse is shared.</summary>
    public static WorkingCalendar For(WorkingCalendarSettings settings) => s_cache.GetValue(settings, static s => new WorkingCalendar(s));

    public bool IsWorkingDay(DateOnly date) =>
        _extraWorkingDays.Contains(date) || (!_restDays[(int)date.DayOfWeek] && !_holidays.Contains(date));

    /// <summary>Working time of a limit, in ticks.</summary>
    public long TicksOf(TimeLimit limit) =>
        limit.Unit == TimeLimitUnit.WorkingHours ? limit.Amount * TimeSpan.TicksPerHour : limit.Amount * DayTicks;

    public DateTimeOffset Add(DateTimeOffset start, TimeLimit limit) => AddWorkingTicks(start, TicksOf(limit));

    /// <summary>The instant when <paramref name="ticks"/> of working time have elapsed after <paramref name="start"/>.</summary>
    public DateTimeOffset AddWorkingTicks(DateTimeOffset start, long ticks)
    {
        if (ticks <= 0)
        {
            return start;
        }

        var local = start.ToOffset(_offset);
        var date = DateOnly.FromDateTime(local.DateTime);
        var timeOfDay = local.TimeOfDay.Ticks;
        for (var scanned = 0; scanned < MaxDaysScanned; scanned++)
        {
            if (IsWorkingDay(date))
            {
                foreach (var (periodStart, periodEnd) in _periods)
                {
                    if (timeOfDay >= periodEnd)
                    {
                        continue;
                    }

                    var from = Math.Max(timeOfDay, periodStart);
                    var available = periodEnd - from;
                    if (ticks <= available)
                    {
                        return At(date, from + ticks);
                    }

                    ticks -= available;
                    timeOfDay = periodEnd;
                }
            }

            date = date.AddDays(1);
            timeOfDay = 0;
        }

        throw new DomainException(DomainErrors.InvalidSettings, $"The working calendar has no working day within {MaxDaysScanned} days.");
    }

    /// <summary>Working time between two instants, in ticks (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public long WorkingTicksBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return 0;
        }

        var local = from.ToOffset(_offset);
        var end = to.ToOffset(_offset);
        var date = DateOnly.FromDateTime(local.DateTime);
        var endDate = DateOnly.FromDateTime(end.DateTime);
        var timeOfDay = local.TimeOfDay.Ticks;
        long total = 0;
        while (date <= endDate)
        {
            var dayEnd = date == endDate ? end.TimeOfDay.Ticks : TimeSpan.TicksPerDay;
            if (IsWorkingDay(date))
            {
                foreach (var (periodStart, periodEnd) in _periods)
                {
                    var a = Math.Max(timeOfDay, periodStart);
                    var b = Math.Min(dayEnd, periodEnd);
                    if (b > a)
                    {
                        total += b - a;
                    }
                }
            }

            date = date.AddDays(1);
            timeOfDay = 0;
        }

        return total;
    }

    private DateTimeOffset At(DateOnly date, long timeOfDayTicks) =>
        new(date.ToDateTime(TimeOnly.MinValue).AddTicks(timeOfDayTicks), _offset);

    private static HashSet<DateOnly> ParseDates(IEnumerable<string> dates)
    {
        var set = new HashSet<DateOnly>();
        foreach (var text in dates)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new DomainException(DomainErrors.InvalidSettings, $"'{text}' is not a date in yyyy-MM-dd form.");
            }

            set.Add(date);
        }

        return set;
    }
}
