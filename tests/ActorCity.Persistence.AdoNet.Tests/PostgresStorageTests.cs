using ActorCity.Runtime;
using ActorCity.Runtime.Storage;

namespace ActorCity.Persistence.AdoNet.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresFixture fixture) : GrainStorageContract
{
    protected override IGrainStorage CreateStorage() => fixture.CreateStorage();

    protected override Task InitializeSchemaAsync() => fixture.CreateStorage().InitializeAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresReminderTableTests(PostgresFixture fixture) : ReminderTableContract
{
    protected override IReminderTable CreateTable() => fixture.CreateReminderTable();
}
