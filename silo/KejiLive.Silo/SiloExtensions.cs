using KejiLive.Domain.Planning;
using KejiLive.Grains;
using KejiLive.Storage.Sqlite;

namespace KejiLive.Silo;

/// <summary>How this host runs the cluster: one silo on this machine with the embedded SQLite storage under
/// <c>Data:Directory</c> (default <c>./data</c>).</summary>
public static class SiloExtensions
{
    public const string DatabaseFile = "keji.db";

    public static WebApplicationBuilder AddKejiSilo(this WebApplicationBuilder builder, PlanDocument plan)
    {
        var dataDirectory = Path.GetFullPath(builder.Configuration["Data:Directory"] is { Length: > 0 } configured ? configured : "data",
            builder.Environment.ContentRootPath);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering()
            .AddSqliteGrainStorage(StorageNames.Keji, o => o.DatabasePath = Path.Combine(dataDirectory, DatabaseFile))
            .AddKejiGrains(plan));
        return builder;
    }
}
