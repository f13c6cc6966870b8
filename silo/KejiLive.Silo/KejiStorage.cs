using KejiLive.Dashboard.Hosting;
using KejiLive.Grains;
using KejiLive.Storage.Postgres;
using KejiLive.Storage.Sqlite;

namespace KejiLive.Silo;

/// <summary>Where everything accepted lives (grain state with the report history, weekly packs and outbox, and the
/// audit trail): <c>Storage:Provider</c> = <c>Sqlite</c> (the default: <c>keji.db</c> under
/// <c>Data:Directory</c>, one machine) or <c>Postgres</c> (the database of <c>ConnectionStrings:postgres</c>, in Npgsql's
/// form, shared by every silo of a cluster: one audit trail for all of them).</summary>
public sealed class KejiStorage
{
    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";

    /// <summary>How long the start-up check waits for PostgreSQL before the start is refused.</summary>
    private static readonly TimeSpan ReachDeadline = TimeSpan.FromSeconds(30);

    private KejiStorage(string provider, string? postgresConnectionString)
    {
        Provider = provider;
        PostgresConnectionString = postgresConnectionString;
    }

    /// <summary><see cref="SqliteProvider"/> or <see cref="PostgresProvider"/>.</summary>
    public string Provider { get; }

    /// <summary><c>ConnectionStrings:postgres</c> when the provider is PostgreSQL.</summary>
    public string? PostgresConnectionString { get; }

    public bool IsPostgres => Provider == PostgresProvider;

    /// <summary>Reads <c>Storage:Provider</c> and, for PostgreSQL, <c>ConnectionStrings:postgres</c>.</summary>
    /// <exception cref="KejiStartupException">An unknown provider, or PostgreSQL without a connection string.</exception>
    public static KejiStorage Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration["Storage:Provider"];
        if (string.IsNullOrWhiteSpace(provider) || string.Equals(provider, SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            return new KejiStorage(SqliteProvider, null);
        }

        if (!string.Equals(provider, PostgresProvider, StringComparison.OrdinalIgnoreCase))
        {
            throw new KejiStartupException($"Storage:Provider '{provider}' is neither {SqliteProvider} nor {PostgresProvider}.");
        }

        var connectionString = configuration.GetConnectionString("postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new KejiStartupException(
                "Storage:Provider is Postgres but ConnectionStrings:postgres is empty; give it in Npgsql's form, " +
                "e.g. Host=127.0.0.1;Port=5432;Database=kejilive;Username=keji;Password=….");
        }

        return new KejiStorage(PostgresProvider, connectionString);
    }

    /// <summary>For PostgreSQL: connects once, so a server that cannot be used stops the start with one line naming it
    /// (not a stack trace from the silo's lifecycle, not a hang). Nothing to check for SQLite here.</summary>
    /// <exception cref="KejiStartupException">PostgreSQL cannot be reached within 30 s, refused the login, has no such
    /// database, or the connection string is malformed.</exception>
    public void EnsureReachable()
    {
        if (!IsPostgres) return;
        using var deadline = new CancellationTokenSource(ReachDeadline);
        try
        {
            PostgresConnections.EnsureReachableAsync(PostgresConnectionString!, deadline.Token).GetAwaiter().GetResult();
        }
        catch (PostgresUnavailableException e)
        {
            throw new KejiStartupException($"{e.Message}. Check ConnectionStrings:postgres (Storage:Provider is Postgres).");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new KejiStartupException(
                $"PostgreSQL at {PostgresConnections.Describe(PostgresConnectionString!)} cannot be reached: no answer within " +
                $"{ReachDeadline.TotalSeconds:0} s. Check ConnectionStrings:postgres (Storage:Provider is Postgres).");
        }
    }

    /// <summary>Adds the grain storage every grain uses (<see cref="StorageNames.Keji"/>) on this engine, and with it the
    /// report logs and the audit trail in the same file or database (<c>IReportLogStore</c>, <c>IAuditStore</c>): a report
    /// and its audit entry commit in one transaction. An earlier build's <c>audit.db</c> is moved into <c>keji.db</c> at start.</summary>
    public ISiloBuilder AddGrainStorage(ISiloBuilder silo, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return IsPostgres
            ? silo.AddPostgresGrainStorage(StorageNames.Keji, o => o.ConnectionString = PostgresConnectionString!)
            : silo.AddSqliteGrainStorage(StorageNames.Keji, o => o.DatabasePath = Path.Combine(dataDirectory, SiloExtensions.DatabaseFile));
    }
}
