using ActorCity.Simulation.Engine;
using ActorCity.Simulation.Scenarios;

namespace ActorCity.Simulation.Tests;

public sealed class WorkingCalendarTests
{
    // 2026-06-01 is a Monday: minute 0 is Monday 00:00.
    private static readonly WorkingCalendar Weekdays = new(new WorkingHoursSpec { From = "08:30", To = "17:30", Days = ["mon", "tue", "wed", "thu", "fri"] }, DayOfWeek.Monday);

    [Fact]
    public void Working_time_skips_nights_and_the_weekend()
    {
        var fridayFour = (4 * 1440L) + (16 * 60);
        // 90 minutes on Friday, the remaining 150 on Monday from 08:30: Monday 11:00.
        Assert.Equal((7 * 1440L) + (11 * 60), Weekdays.Add(fridayFour, 240));
    }

    [Fact]
    public void Work_started_before_hours_begins_at_the_window()
    {
        Assert.Equal((8 * 60) + 30 + 60, Weekdays.Add(0, 60));
    }

    [Fact]
    public void Between_counts_only_working_minutes()
    {
        Assert.Equal(5 * 9 * 60, Weekdays.Between(0, 7 * 1440));
    }
}
