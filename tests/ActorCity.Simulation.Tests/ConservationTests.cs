using ActorCity.Simulation.Engine;

namespace ActorCity.Simulation.Tests;

public sealed class ConservationTests
{
    [Fact]
    public async Task On_grains_every_problem_ends_in_exactly_one_state_and_the_domain_agrees()
    {
        var results = await TestScenarios.RunAsync(TestScenarios.Small(), new GrainEngine(), seed: 11, replications: 2);
        foreach (var r in results)
        {
            AssertConserved(r);
            Assert.NotNull(r.AuthorityStates);
            Assert.Equal(r.FinalStates, r.AuthorityStates);
        }
    }

    private static void AssertConserved(ReplicationResult r)
    {
        Assert.True(r.Workflows > 100, $"the small scenario should generate a few hundred workflows, got {r.Workflows}");
        Assert.Equal(r.Workflows, r.FinalStates.Sum());
        Assert.Equal(r.Workflows, r.WorkflowsBySource.Sum());
        Assert.Equal(r.Workflows - r.FinalStates[(int)WorkflowState.Closed], r.OpenAtInspection);
        Assert.Equal(r.OpenAtInspection, r.Grids.Sum(g => g.Open));
        Assert.Equal(r.OpenAtInspection, r.Departments.Sum(d => d.Backlog));
        Assert.Equal(r.OpenAtInspection, r.OpenByDay[^1]);
        Assert.True(r.OverdueAtInspection <= r.OpenAtInspection);
        Assert.True(r.OnTimeClosedCycles <= r.DueCycles);
    }
}
