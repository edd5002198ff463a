using System.Diagnostics.CodeAnalysis;
using ActorCity.Runtime;
using ActorCity.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Registers the SQLite and PostgreSQL grain storage and reminder tables.</summary>
public static class AdoNetPersistenceServiceCollectionExtensions
{
    /// <summary>The options name under which the reminder table's options are configured.</summary>
    public const string RemindersOptionsName = "ActorCity.Reminders";

    /// <summary>Registers SQLite grain storage as the keyed <see cref="IGrainStorage"/> named <paramref name="name"/>.</summary>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string name, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Configure(services, name, configure);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) =>
            new SqliteGrainStorage(Options<SqliteStorageOptions>(sp, name), Logger<SqliteGrainStorage>(sp)));
        return services;
    }

    /// <summary>Registers SQLite grain storage under <see cref="StorageNames.Default"/>.</summary>
    public static IServiceCollection AddSqliteGrainStorageAsDefault(this IServiceCollection services, Action<SqliteStorageOptions>? configure = null) =>
        services.AddSqliteGrainStorage(StorageNames.Default, configure);

    /// <summary>Registers PostgreSQL grain storage as the keyed <see cref="IGrainStorage"/> named <paramref name="name"/>.</summary>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, string name, Action<PostgresStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Configure(services, name, configure);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) =>
            new PostgresGrainStorage(Options<PostgresStorageOptions>(sp, name), Logger<PostgresGrainStorage>(sp)));
        return services;
    }

    /// <summary>Registers PostgreSQL grain storage under <see cref="StorageNames.Default"/>.</summary>
    public static IServiceCollection AddPostgresGrainStorageAsDefault(this IServiceCollection services, Action<PostgresStorageOptions>? configure = null) =>
        services.AddPostgresGrainStorage(StorageNames.Default, configure);

    /// <summary>Makes SQLite the <see cref="IReminderTable"/>, replacing any earlier registration.</summary>
    public static IServiceCollection UseSqliteReminders(this IServiceCollection services, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        Configure(services, RemindersOptionsName, configure);
        services.RemoveAll<IReminderTable>();
        services.AddSingleton<IReminderTable>(sp =>
            new SqliteReminderTable(Options<SqliteStorageOptions>(sp, RemindersOptionsName), Logger<SqliteReminderTable>(sp)));
        return services;
    }

    /// <summary>Makes PostgreSQL the <see cref="IReminderTable"/>, replacing any earlier registration.</summary>
    public static IServiceCollection UsePostgresReminders(this IServiceCollection services, Action<PostgresStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        Configure(services, RemindersOptionsName, configure);
        services.RemoveAll<IReminderTable>();
        services.AddSingleton<IReminderTable>(sp =>
            new PostgresReminderTable(Options<PostgresStorageOptions>(sp, RemindersOptionsName), Logger<PostgresReminderTable>(sp)));
        return services;
    }

    private static void Configure<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IServiceCollection services, string name, Action<TOptions>? configure)
        where TOptions : class
    {
        var builder = services.AddOptions<TOptions>(name);
        if (configure is not null)
        {
            builder.Configure(configure);
        }
    }

    private static TOptions Options<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name);

    private static ILogger<T> Logger<T>(IServiceProvider services) =>
        services.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;
}
