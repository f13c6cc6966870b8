using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace KejiLive.Storage.Postgres;

/// <summary>
/// Registers <see cref="PostgresGrainStorage"/> as a named Orleans grain storage provider.
/// </summary>
/// <remarks>
/// Uses Orleans' <c>AddGrainStorage</c>, which registers the provider as a keyed <see cref="Orleans.Storage.IGrainStorage"/>
/// singleton under its name, as the unkeyed default when the name is <see cref="ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME"/>,
/// and as a silo lifecycle participant (connect and create the schema on start, drain and close on stop).
/// </remarks>
public static class PostgresGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds a PostgreSQL grain storage provider named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddPostgresGrainStorage(
        this ISiloBuilder builder, string name, Action<PostgresGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPostgresGrainStorage(name, configure);
        return builder;
    }

    /// <summary>Adds a PostgreSQL grain storage provider as the default storage (grains that name no provider).</summary>
    public static ISiloBuilder AddPostgresGrainStorageAsDefault(
        this ISiloBuilder builder, Action<PostgresGrainStorageOptions> configure) =>
        builder.AddPostgresGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>Adds a PostgreSQL grain storage provider named <paramref name="name"/> to a silo's services.</summary>
    public static IServiceCollection AddPostgresGrainStorage(
        this IServiceCollection services, string name, Action<PostgresGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgresGrainStorageOptions>(name).Configure(configure);
        services.AddGrainStorage(name, static (services, key) => new PostgresGrainStorage(
            key,
            services.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(key),
            services.GetService<TimeProvider>(),
            services.GetService<ILogger<PostgresGrainStorage>>()));
        // The report logs and the audit trail live in the same database; the first PostgreSQL provider registered
        // provides them (a host may register its own before).
        // Both go through one writer (one group commit, one connection holding the audit chain's lock at a time).
        services.TryAddSingleton(s => new PostgresLogWriter(
            s.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name).ConnectionString, s.GetService<TimeProvider>()));
        services.TryAddSingleton<IReportLogStore>(s => new PostgresReportLogStore(s.GetRequiredService<PostgresLogWriter>(), ownsWriter: false));
        services.TryAddSingleton<IAuditStore>(s => new PostgresAuditStore(s.GetRequiredService<PostgresLogWriter>(), ownsWriter: false));
        return services;
    }
}
