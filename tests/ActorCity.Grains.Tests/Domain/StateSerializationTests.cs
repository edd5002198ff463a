using System.Text.Json;
using ActorCity.Grains.Domain;
using static ActorCity.Grains.Tests.Domain.TestData;

namespace ActorCity.Grains.Tests.Domain;

/// <summary>Grain states must survive System.Text.Json (SQLite and PostgreSQL storage) unchanged.</summary>
public sealed class StateSerializationTests
{
    private static T RoundTrip<T>(T value, out string json)
    {
        json = JsonSerializer.Serialize(value);
        return JsonSerializer.Deserialize<T>(json)!;
    }

    [Fact]
    public void A_task_record_with_ledger_and_schedule_round_trips()
    {
        var (t, _) = TaskMachine.Escalate(Assigned(), At(3, 2, 15, 0));
        var back = RoundTrip(t, out var json);
        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(t.Schedule, back.Schedule);
        Assert.Equal(t.Ledger.Length, back.Ledger.Length);
        Assert.Equal(t.Ledger[^1], back.Ledger[^1]);
    }

    [Fact]
    public void A_department_state_rebuilds_its_queue_and_counts_from_the_stored_facts()
    {
        var d = new DepartmentState { Code = DefaultCatalogue.Sanitation, Crews = 1, Configured = true };
        foreach (var id in new[] { "T-3", "T-1", "T-2" })
        {
            DepartmentBook.Apply(d, new TaskChange(Aggregation.FactsOf(Assigned(id)), []));
        }

        var back = RoundTrip(d, out var json);
        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(["T-1", "T-2", "T-3"], back.Queue.Select(e => e.TaskId).ToArray());
        Assert.Equal(d.Counters, back.Counters);
        Assert.Equal(d.Busy, back.Busy);
        DepartmentBook.Apply(back, new TaskChange(Aggregation.FactsOf(TaskMachine.Start(Assigned("T-1"), Dept("s"), Monday).Record), []));
        Assert.Equal(["T-2", "T-3"], back.Queue.Select(e => e.TaskId).ToArray());
        Assert.Equal(1, back.Busy);
    }

    [Fact]
    public void Campaign_settings_round_trip()
    {
        var back = RoundTrip(Settings, out var json);
        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(Settings.Categories.Length, back.Categories.Length);
        Assert.Equal(Rules.Calendar.Add(Monday, TimeLimit.Days(3)), CampaignRules.For(back).Calendar.Add(Monday, TimeLimit.Days(3)));
    }
}
