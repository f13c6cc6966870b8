using System.Net.Sockets;
using Npgsql;

namespace KejiLive.Storage.Postgres;

/// <summary>
/// Data sources with the durability every KejiLive session needs, and the one-line description of a failure to
/// connect.
/// </summary>
public static class PostgresConnections
{
    /// <summary>
    /// A data source for <paramref name="connectionString"/> whose sessions run with <c>synchronous_commit=on</c>
    /// (a server or database default of <c>off</c> or <c>local</c> would acknowledge commits that a crash can lose).
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is not in Npgsql's form.</exception>
    public static NpgsqlDataSource CreateDataSource(string connectionString, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options)
            ? "-c synchronous_commit=on"
            : builder.Options + " -c synchronous_commit=on";
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = applicationName;
        }

        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    /// <summary><c>host:port/database</c> of a connection string, without credentials.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = string.IsNullOrEmpty(builder.Database) ? builder.Username ?? "(default)" : builder.Database;
        return $"{builder.Host ?? "localhost"}:{builder.Port}/{database}";
    }

    /// <summary>Opens one connection and runs <c>SELECT 1</c>; turns every way that can fail into a
    /// <see cref="PostgresUnavailableException"/> naming the server.</summary>
    /// <exception cref="PostgresUnavailableException">The server cannot be used.</exception>
    public static async Task EnsureReachableAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        NpgsqlDataSource dataSource;
        try
        {
            dataSource = CreateDataSource(connectionString, "KejiLive");
        }
        catch (ArgumentException e)
        {
            throw new PostgresUnavailableException($"the PostgreSQL connection string is not in Npgsql's form: {e.Message}", e);
        }

        await using (dataSource.ConfigureAwait(false))
        {
            try
            {
                var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    await using var command = new NpgsqlCommand("SELECT 1", connection);
                    await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
            {
                throw Unavailable(connectionString, e);
            }
        }
    }

    /// <summary>The exception for a failure to open or use a first connection to <paramref name="connectionString"/>.</summary>
    public static PostgresUnavailableException Unavailable(string connectionString, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var server = Describe(connectionString);
        var reason = cause switch
        {
            PostgresException { SqlState: "28P01" or "28000" } p => $"the server refused the login ({p.MessageText})",
            PostgresException { SqlState: "3D000" } p => $"there is no such database ({p.MessageText})",
            PostgresException p => $"{p.SqlState}: {p.MessageText}",
            NpgsqlException { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } s } =>
                $"the host name does not resolve ({s.Message})",
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } s =>
                $"the host name does not resolve ({s.Message})",
            NpgsqlException { InnerException: SocketException s } => $"nothing answers there ({s.Message})",
            SocketException s => $"nothing answers there ({s.Message})",
            NpgsqlException { InnerException: TimeoutException } or TimeoutException => "no answer before the connection timeout",
            _ => cause.GetBaseException().Message,
        };
        return new PostgresUnavailableException($"PostgreSQL at {server} cannot be reached: {reason}", cause);
    }
}
