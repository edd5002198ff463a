using System.Collections.Immutable;
using ActorCity.Runtime;
using ActorCity.Runtime.Concurrency;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Storage;
using ActorCity.Runtime.Time;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCity.Persistence.AdoNet.Tests;

[Immutable]
public sealed record CaseFile(ImmutableArray<string> Steps)
{
    public CaseFile() : this(ImmutableArray<string>.Empty)
    {
    }
}

public interface ICaseFileGrain : IGrainWithStringKey, IRemindable
{
    Task Append(string step);

    Task<ImmutableArray<string>> Steps();

    Task RemindIn(TimeSpan dueTime);
}

public sealed class CaseFileGrain([PersistentState("case")] IPersistentState<CaseFile> state) : Grain, ICaseFileGrain
{
    public async Task Append(string step)
    {
        state.State = state.State with { Steps = state.State.Steps.Add(step) };
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<string>> Steps() => Task.FromResult(state.State.Steps);

    public Task RemindIn(TimeSpan dueTime) => RegisterOrUpdateReminder("overdue", dueTime, TimeSpan.FromDays(1));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await Append($"{reminderName}@{status.CurrentTickTime.ToOffset(TimeSpan.FromHours(8)):MM-dd HH:mm}");
        var reminder = await GetReminder(reminderName);
        await UnregisterReminder(reminder!);
    }
}

/// <summary>The runtime's promises that need a real database: state and reminders outlive the silo.</summary>
public abstract class SiloOnDatabaseContract
{
    private static readonly DateTimeOffset Start = new(2026, 5, 11, 9, 0, 0, TimeSpan.FromHours(8));

    protected abstract void AddStorage(IServiceCollection services);

    private Task<SiloHost> StartSilo(VirtualTimeProvider clock) =>
        SiloHost.StartAsync(b =>
        {
            b.UseVirtualClock(clock).AddGrains(typeof(CaseFileGrain).Assembly);
            AddStorage(b.Services);
        });

    [Fact]
    public async Task State_written_before_a_full_silo_restart_is_read_after_it()
    {
        var key = Guid.NewGuid().ToString("N");
        await using (var first = await StartSilo(new VirtualTimeProvider(Start)))
        {
            await first.GrainFactory.GetGrain<ICaseFileGrain>(key).Append("reported");
            await first.GrainFactory.GetGrain<ICaseFileGrain>(key).Append("assigned");
        }

        await using var second = await StartSilo(new VirtualTimeProvider(Start));
        Assert.Equal(["reported", "assigned"], (await second.GrainFactory.GetGrain<ICaseFileGrain>(key).Steps()).ToArray());
    }

    [Fact]
    public async Task A_grain_holding_a_stale_ETag_is_refused_and_the_stored_state_is_unchanged()
    {
        var key = Guid.NewGuid().ToString("N");
        await using var first = await StartSilo(new VirtualTimeProvider(Start));
        await using var second = await StartSilo(new VirtualTimeProvider(Start));
        var stale = first.GrainFactory.GetGrain<ICaseFileGrain>(key);
        await stale.Steps();
        await second.GrainFactory.GetGrain<ICaseFileGrain>(key).Append("verified");

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.Append("stale"));

        await using var third = await StartSilo(new VirtualTimeProvider(Start));
        Assert.Equal(["verified"], (await third.GrainFactory.GetGrain<ICaseFileGrain>(key).Steps()).ToArray());
    }

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it()
    {
        var key = Guid.NewGuid().ToString("N");
        await using (var first = await StartSilo(new VirtualTimeProvider(Start)))
        {
            await first.GrainFactory.GetGrain<ICaseFileGrain>(key).RemindIn(TimeSpan.FromHours(6));
        }

        var clock = new VirtualTimeProvider(Start.AddHours(1));
        await using var second = await StartSilo(clock);
        await clock.AdvanceAsync(TimeSpan.FromHours(8));
        await second.WaitForQuiescenceAsync();

        Assert.Equal(["overdue@05-11 15:00"], (await second.GrainFactory.GetGrain<ICaseFileGrain>(key).Steps()).ToArray());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SiloOnSqliteTests(SqliteFixture fixture) : SiloOnDatabaseContract
{
    protected override void AddStorage(IServiceCollection services)
    {
        var connectionString = fixture.Options().ConnectionString;
        services.AddSqliteGrainStorageAsDefault(o => o.ConnectionString = connectionString);
        services.UseSqliteReminders(o => o.ConnectionString = connectionString);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class SiloOnPostgresTests(PostgresFixture fixture) : SiloOnDatabaseContract
{
    protected override void AddStorage(IServiceCollection services)
    {
        var connectionString = fixture.ConnectionString;
        services.AddPostgresGrainStorageAsDefault(o => o.ConnectionString = connectionString);
        services.UsePostgresReminders(o => o.ConnectionString = connectionString);
    }
}
