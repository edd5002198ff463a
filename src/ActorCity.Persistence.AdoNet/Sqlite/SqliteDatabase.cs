using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Opens connections to one SQLite file, after making sure (once) that the folder, WAL mode and schema exist.</summary>
internal sealed class SqliteDatabase : IAdoNetDatabase
{
    private readonly SqliteStorageOptions _options;
    private readonly ILogger _logger;
    private readonly string _connectionString;
    private readonly string _busyTimeoutPragma;
    private readonly AsyncOnce _init;

    public SqliteDatabase(SqliteStorageOptions options, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, $"{nameof(SqliteStorageOptions)}.{nameof(SqliteStorageOptions.ConnectionString)}");
        _options = options;
        _logger = logger;
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
        _busyTimeoutPragma = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};");
        _init = new AsyncOnce(InitializeAsync);
    }

    public string DataSource { get; }

    public Task EnsureInitializedAsync(CancellationToken cancellationToken) => _init.EnsureAsync(cancellationToken);

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken);
        return await OpenRawAsync(cancellationToken);
    }

    async Task<DbConnection> IAdoNetDatabase.OpenConnectionAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, _busyTimeoutPragma, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync()
    {
        CreateFolder();
        await using var connection = await OpenRawAsync(CancellationToken.None);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = Convert.ToString(await wal.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "unknown";
            Log.SqliteJournalMode(_logger, DataSource, mode);
        }

        if (!_options.CreateSchema)
        {
            Log.SchemaSkipped(_logger, DataSource);
            return;
        }

        await ExecuteAsync(connection, SqlScripts.Load(SqlScripts.Sqlite), CancellationToken.None);
        Log.SchemaCreated(_logger, SqlScripts.Sqlite, DataSource);
    }

    private void CreateFolder()
    {
        if (DataSource.Length == 0 || DataSource == ":memory:" || DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
