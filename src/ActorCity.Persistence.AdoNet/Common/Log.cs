using Microsoft.Extensions.Logging;

namespace ActorCity.Persistence.AdoNet;

internal static partial class Log
{
    [LoggerMessage(EventId = (int)PersistenceEventId.SchemaCreated, Level = LogLevel.Information,
        Message = "Schema script {Script} applied to {Database}")]
    public static partial void SchemaCreated(ILogger logger, string script, string database);

    [LoggerMessage(EventId = (int)PersistenceEventId.SchemaSkipped, Level = LogLevel.Information,
        Message = "Schema creation disabled for {Database}: the tables must exist (deploy/sql)")]
    public static partial void SchemaSkipped(ILogger logger, string database);

    [LoggerMessage(EventId = (int)PersistenceEventId.SqliteJournalMode, Level = LogLevel.Information,
        Message = "SQLite database {Database} opened in journal mode {JournalMode}")]
    public static partial void SqliteJournalMode(ILogger logger, string database, string journalMode);

    [LoggerMessage(EventId = (int)PersistenceEventId.StateWriteConflict, Level = LogLevel.Debug,
        Message = "Write refused for {GrainId} state {StateName}: expected ETag {Expected}, stored {Stored}")]
    public static partial void StateWriteConflict(ILogger logger, string grainId, string stateName, string? expected, string? stored);

    [LoggerMessage(EventId = (int)PersistenceEventId.StateClearConflict, Level = LogLevel.Debug,
        Message = "Clear refused for {GrainId} state {StateName}: expected ETag {Expected}, stored {Stored}")]
    public static partial void StateClearConflict(ILogger logger, string grainId, string stateName, string? expected, string? stored);

    [LoggerMessage(EventId = (int)PersistenceEventId.ReminderRemoveConflict, Level = LogLevel.Debug,
        Message = "Reminder {ReminderName} of {GrainId} not removed: ETag {ETag} no longer matches")]
    public static partial void ReminderRemoveConflict(ILogger logger, string grainId, string reminderName, string eTag);
}
