using ActorCity.Grains.Domain;
using static ActorCity.Grains.Tests.Domain.TestData;

namespace ActorCity.Grains.Tests.Domain;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar s_default = new(new WorkingCalendarSettings());

    [Fact]
    public void Four_working_hours_from_before_opening_end_after_the_lunch_break()
    {
        // 08:30-12:00 gives 3.5 h, the last 0.5 h falls after 14:00.
        Assert.Equal(At(3, 2, 14, 30), s_default.Add(At(3, 2, 8, 0), TimeLimit.Hours(4)));
    }

    [Fact]
    public void Four_working_hours_from_friday_afternoon_skip_the_weekend()
    {
        // Friday 16:00-17:30 is 1.5 h; 2.5 h remain from Monday 08:30.
        Assert.Equal(At(3, 9, 11, 0), s_default.Add(At(3, 6, 16, 0), TimeLimit.Hours(4)));
    }

    [Fact]
    public void One_working_day_from_friday_morning_is_monday_same_time()
    {
        Assert.Equal(At(3, 9, 10, 0), s_default.Add(At(3, 6, 10, 0), TimeLimit.Days(1)));
    }

    [Fact]
    public void Fifteen_working_days_span_three_weekends()
    {
        Assert.Equal(At(3, 23, 9, 0), s_default.Add(At(3, 2, 9, 0), TimeLimit.Days(15)));
    }

    [Fact]
    public void A_holiday_monday_is_skipped()
    {
        var calendar = new WorkingCalendar(new WorkingCalendarSettings { Holidays = ["2026-03-09"] });
        Assert.Equal(At(3, 10, 11, 0), calendar.Add(At(3, 6, 16, 0), TimeLimit.Hours(4)));
    }

    [Fact]
    public void A_make_up_saturday_is_worked()
    {
        var calendar = new WorkingCalendar(new WorkingCalendarSettings { ExtraWorkingDays = ["2026-03-07"] });
        Assert.Equal(At(3, 7, 11, 0), calendar.Add(At(3, 6, 16, 0), TimeLimit.Hours(4)));
    }

    [Fact]
    public void National_day_week_with_make_up_days_pushes_a_deadline_past_the_holiday()
    {
        // 2026-10-01..07 off, Sunday 27 Sept and Saturday 10 Oct worked (调休).
        var calendar = new WorkingCalendar(new WorkingCalendarSettings
        {
            Holidays = ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],
            ExtraWorkingDays = ["2026-09-27", "2026-10-10"],
        });
        // Wednesday 30 Sept 10:00 + 2 working days: Thu 1 Oct..Wed 7 Oct off (Sat/Sun 3-4 are rest days), Thu 8 Oct 10:00 is day 1, Fri 9 Oct 10:00 is day 2.
        Assert.Equal(At(10, 9, 10, 0), calendar.Add(At(9, 30, 10, 0), TimeLimit.Days(2)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 9, 27)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 5)));
    }

    [Fact]
    public void Starting_at_closing_time_carries_over_to_the_next_working_day()
    {
        Assert.Equal(At(3, 9, 9, 30), s_default.Add(At(3, 6, 17, 30), TimeLimit.Hours(1)));
    }

    [Fact]
    public void A_deadline_can_fall_exactly_on_the_end_of_a_period()
    {
        Assert.Equal(At(3, 2, 12, 0), s_default.AddWorkingTicks(At(3, 2, 8, 30), TimeSpan.FromHours(3.5).Ticks));
    }

    [Fact]
    public void Working_time_between_friday_afternoon_and_monday_morning_counts_only_open_hours()
    {
        Assert.Equal(TimeSpan.FromHours(4).Ticks, s_default.WorkingTicksBetween(At(3, 6, 16, 0), At(3, 9, 11, 0)));
        Assert.Equal(0, s_default.WorkingTicksBetween(At(3, 9, 11, 0), At(3, 6, 16, 0)));
    }

    [Fact]
    public void Utc_input_is_read_in_the_campaign_offset()
    {
        // 00:00 UTC is 08:00 in China.
        var utc = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(At(3, 2, 14, 30), s_default.Add(utc, TimeLimit.Hours(4)));
    }

    [Fact]
    public void Overlapping_periods_are_rejected_with_the_settings_code()
    {
        var e = Assert.Throws<DomainException>(() => new WorkingCalendar(new WorkingCalendarSettings
        {
            Periods = [new(TimeSpan.FromHours(8), TimeSpan.FromHours(12)), new(TimeSpan.FromHours(11), TimeSpan.FromHours(13))],
        }));
        Assert.Equal(DomainErrors.InvalidSettings, e.Code);
    }
}
