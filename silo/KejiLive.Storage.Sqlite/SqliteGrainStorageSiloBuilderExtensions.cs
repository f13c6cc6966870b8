using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace KejiLive.Storage.Sqlite;

/// <summary>
/// Registers <see cref="SqliteGrainStorage"/> as a named Orleans grain storage provider.
/// </summary>
/// <remarks>
/// Uses Orleans' <c>AddGrainStorage</c>, which registers the provider as a keyed <see cref="Orleans.Storage.IGrainStorage"/>
/// singleton under its name, as the unkeyed default when the name is <see cref="ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME"/>,
/// and as a silo lifecycle participant (open on start, drain and close on stop). Options are named options, so
/// several SQLite providers can coexist.
/// </remarks>
public static class SqliteGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds a SQLite grain storage provider named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(
        this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSqliteGrainStorage(name, configure);
        return builder;
    }

    /// <summary>Adds a SQLite grain storage provider as the default storage (grains that name no provider).</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(
        this ISiloBuilder builder, Action<SqliteGrainStorageOptions> configure) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>Adds a SQLite grain storage provider named <paramref name="name"/> to a silo's services.</summary>
    public static IServiceCollection AddSqliteGrainStorage(
        this IServiceCollection services, string name, Action<SqliteGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure);
        services.AddGrainStorage(name, static (services, key) => new SqliteGrainStorage(
            key,
            services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(key),
            services.GetService<TimeProvider>(),
            services.GetService<ILogger<SqliteGrainStorage>>()));
        // The report logs and the audit trail live in the same file and commit on the same writer thread: the first
        // SQLite provider registered provides them (a host may register its own before).
        services.TryAddSingleton<IReportLogStore>(s => new SqliteReportLogStore(Provider(s, name)));
        services.TryAddSingleton<IAuditStore>(s => new SqliteAuditStore(Provider(s, name)));
        return services;
    }

    private static SqliteGrainStorage Provider(IServiceProvider services, string name) =>
        (SqliteGrainStorage)services.GetRequiredKeyedService<IGrainStorage>(name);
}
