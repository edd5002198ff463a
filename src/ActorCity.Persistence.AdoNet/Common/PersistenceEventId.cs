namespace ActorCity.Persistence.AdoNet;

/// <summary>Event ids of every log line written by the ADO.NET providers.</summary>
internal enum PersistenceEventId
{
    SchemaCreated = 4100,
    SchemaSkipped = 4101,
    SqliteJournalMode = 4102,
    StateWriteConflict = 4110,
    StateClearConflict = 4111,
    ReminderRemoveConflict = 4120,
}
