using System.Diagnostics;
using System.Text.Json;
using ActorCity.Grains.Domain;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Time;
using Xunit.Abstractions;

namespace ActorCity.Grains.Tests.Runtime;

/// <summary>A scripted city on its own silos: same script and seed, byte-identical indicators and inspection; campaign counts equal the sum over the tasks.</summary>
public sealed class DeterminismTests(ITestOutputHelper output)
{
    private static readonly string[] s_categories = ["exposed-garbage", "street-vending", "small-ads", "food-licence", "clutter", "disorderly-parking"];

    [Fact]
    public async Task The_same_script_and_seed_give_identical_indicators_and_inspection_on_two_silos()
    {
        var first = await RunCityAsync(seed: 11, tasks: 300);
        var second = await RunCityAsync(seed: 11, tasks: 300);
        Assert.Equal(first, second);
        Assert.NotEqual(first, await RunCityAsync(seed: 12, tasks: 300));
    }

    private async Task<string> RunCityAsync(int seed, int tasks)
    {
        var clock = new VirtualTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8)));
        await using var host = await SiloHost.StartAsync(b => b
            .Configure(o => o.ResponseTimeout = TimeSpan.FromDays(3650))
            .UseVirtualClock(clock)
            .UseDeterministicScheduler()
            .AddMemoryGrainStorage()
            .UseInMemoryReminders()
            .AddGrains(typeof(TaskGrain).Assembly));
        var grains = host.GrainFactory;
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(seed);
        const string id = "city";
        var hq = CommandContext.Headquarters("setup");
        var campaign = grains.GetGrain<ICampaignGrain>(id);
        await campaign.ConfigureAsync(hq, DefaultCatalogue.Settings(id, "城", clock.Now, clock.Now.AddDays(30)));
        var grids = Enumerable.Range(1, 5).Select(i => $"G{i}").ToArray();
        foreach (var grid in grids)
        {
            await campaign.RegisterGridAsync(hq, new GridSetup(grid, grid, "chief", "leader")
            {
                Checkpoints = [.. Enumerable.Range(1, 6).Select(i => new Checkpoint($"{grid}-C{i}", i % 2 == 0 ? "market" : "back-street"))],
            });
        }

        var departments = DefaultCatalogue.Departments.Select(d => d.Code).ToArray();
        foreach (var code in departments)
        {
            await campaign.RegisterDepartmentAsync(hq, new DepartmentSetup(code, code, 3));
        }

        var open = new List<string>();
        for (var n = 0; n < tasks; n++)
        {
            var taskId = $"T-{n:D6}";
            var grid = grids[random.Next(grids.Length)];
            var task = grains.GetGrain<ITaskGrain>(taskId);
            await task.Report(CommandContext.Grid($"{taskId}-r", grid), new ReportTask(id, grid, s_categories[random.Next(s_categories.Length)], $"{grid}-C{random.Next(1, 7)}"));
            await task.Assign(CommandContext.Grid($"{taskId}-a", grid), new AssignTask());
            open.Add(taskId);
        }

        for (var hour = 0; hour < 24 * 10; hour++)
        {
            foreach (var code in departments)
            {
                var department = grains.GetGrain<IDepartmentGrain>(GrainKeys.Department(id, code));
                // Each call needs its own command id: a repeated id would replay the first start.
                for (var k = 0; (await department.StartNextAsync(CommandContext.Department($"h{hour}-{k}", code))).TaskId is not null; k++)
                {
                }
            }

            foreach (var taskId in open.ToArray())
            {
                var task = grains.GetGrain<ITaskGrain>(taskId);
                var record = (await task.GetAsync())!;
                if (record.State == TaskState.InProgress && random.NextDouble() < 0.3)
                {
                    await task.Submit(CommandContext.Department($"{taskId}-s{hour}", record.LeadDepartment), new TaskNote());
                }
                else if (record.State == TaskState.Submitted)
                {
                    var passed = random.NextDouble() < 0.8;
                    await task.Verify(CommandContext.Headquarters($"{taskId}-v{hour}"), new VerifyTask(passed));
                    if (passed)
                    {
                        open.Remove(taskId);
                    }
                }
            }

            await clock.AdvanceAsync(TimeSpan.FromHours(1));
        }

        var indicators = await campaign.GetIndicatorsAsync();
        var inspection = await grains.GetGrain<IInspectionGrain>(GrainKeys.Inspection(id, "final")).RunAsync(
            CommandContext.Headquarters("final"), new InspectionPlan(id, seed, [new SampleQuota("market", 5), new SampleQuota("back-street", 5)], Final: true));
        output.WriteLine($"seed {seed}: {tasks} tasks, {indicators.Campaign.Counters.Closed} closed, score {inspection.Score}, {stopwatch.Elapsed.TotalSeconds:F2} s wall");
        Assert.Equal(tasks, indicators.Campaign.Counters.Total);
        var sumOverTasks = TaskCounters.Zero;
        for (var n = 0; n < tasks; n++)
        {
            sumOverTasks = Aggregation.Add(sumOverTasks, Aggregation.FactsOf((await grains.GetGrain<ITaskGrain>($"T-{n:D6}").GetAsync())!), 1);
        }

        Assert.Equal(sumOverTasks, indicators.Campaign.Counters);
        Assert.True(sumOverTasks.Closed > 0 && sumOverTasks.Reminders > 0);
        Assert.Equal(indicators.Grids.Sum(g => g.Counters.Total), indicators.Departments.Sum(d => d.Counters.Total));
        return JsonSerializer.Serialize(new { indicators, inspection });
    }
}
