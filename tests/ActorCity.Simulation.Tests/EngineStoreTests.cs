using ActorCity.Grains;
using ActorCity.Simulation.Engine;

namespace ActorCity.Simulation.Tests;

public sealed class EngineStoreTests
{
    [Fact]
    public void Mirror_table_keeps_every_task_by_id_across_chunks_and_updates_in_place()
    {
        var table = new MirrorTable();
        for (var i = 0; i < 2500; i++)
        {
            Assert.Equal(i, table.Add(new Mirror(i % 7, i, i % 30, i % 15, i / 10.0)));
        }

        table[1500].State = TaskState.Closed;
        table[1500].Cycle++;

        Assert.Equal(2500, table.Count);
        Assert.Equal((1023, 1024, 2499), (table[1023].Checkpoint, table[1024].Checkpoint, table[2499].Checkpoint));
        Assert.Equal(249.9, table[2499].HandlingHours);
        Assert.Equal((TaskState.Closed, 1), (table[1500].State, table[1500].Cycle));
        Assert.Equal(TaskState.Reported, table[1499].State);
        Assert.Throws<ArgumentOutOfRangeException>(() => table[2500].Cycle);
    }

    [Fact]
    public void Event_calendar_beyond_its_first_capacity_still_runs_events_in_time_then_schedule_order()
    {
        var calendar = new EventCalendar<int>(horizonMinutes: 100, capacity: 2);
        calendar.Add(5, 1);
        calendar.Add(3, 2);
        calendar.Add(5, 3);
        calendar.Add(3, 4);
        calendar.Add(100, 5);

        var taken = new List<(long, int)>();
        while (calendar.TryTake(out var minute, out var item))
        {
            taken.Add((minute, item));
        }

        Assert.Equal([(3, 2), (3, 4), (5, 1), (5, 3)], taken);
    }
}
