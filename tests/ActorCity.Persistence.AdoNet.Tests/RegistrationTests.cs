using ActorCity.Runtime;
using ActorCity.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCity.Persistence.AdoNet.Tests;

[Collection(SqliteCollection.Name)]
public sealed class RegistrationTests(SqliteFixture fixture)
{
    [Fact]
    public async Task AddSqliteGrainStorageAsDefault_registers_a_working_keyed_storage_under_the_default_name()
    {
        var services = new ServiceCollection()
            .AddSqliteGrainStorageAsDefault(o => o.ConnectionString = fixture.Options().ConnectionString)
            .AddSqliteGrainStorage("archive", o => o.ConnectionString = fixture.Options().ConnectionString);
        await using var provider = services.BuildServiceProvider();

        var storage = provider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        Assert.IsType<SqliteGrainStorage>(storage);
        Assert.IsType<SqliteGrainStorage>(provider.GetRequiredKeyedService<IGrainStorage>("archive"));
        var grain = TestKeys.NewGrain();
        await storage.WriteStateAsync("case", grain, new TestGrainState<CaseState>(CaseState.Sample("via DI")));
        var read = new TestGrainState<CaseState>(null!);
        await storage.ReadStateAsync("case", grain, read);
        Assert.Equal("via DI", read.State.Title);
    }

    [Fact]
    public void UseSqliteReminders_replaces_an_earlier_reminder_table()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IReminderTable, PlaceholderReminderTable>();

        services.UseSqliteReminders(o => o.ConnectionString = fixture.Options().ConnectionString);
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IReminderTable));
        Assert.IsType<SqliteReminderTable>(provider.GetRequiredService<IReminderTable>());
    }

    private sealed class PlaceholderReminderTable : IReminderTable
    {
        public Task InitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
