using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace KejiLive.Testing;

/// <summary>A real PostgreSQL server of the test run's own: <c>initdb</c> into a temp directory, started with
/// <c>pg_ctl</c> on a free loopback port (its Unix socket in that directory too, <c>fsync=on</c>), trust authentication for
/// the <c>postgres</c> user; <see cref="DisposeAsync"/> stops it and removes the directory. PostgreSQL refuses to run as
/// root, so under root the binaries run as the <c>postgres</c> OS user (<c>runuser -u postgres --</c>). The binaries are
/// Debian's (<c>/usr/lib/postgresql/&lt;version&gt;/bin</c>); when they are missing, <see cref="StartAsync"/> fails
/// saying how to install them: a storage test never skips.</summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string RootOfVersions = "/usr/lib/postgresql";
    private static readonly ConcurrentDictionary<PostgresServer, byte> Running = new();
    private int _databases;

    static PostgresServer()
    {
        // A crashed test run must not leave a server behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in Running.Keys) server.Stop("immediate");
        };
    }

    private PostgresServer(string binDirectory, string directory, int port)
    {
        BinDirectory = binDirectory;
        Directory = directory;
        Port = port;
    }

    /// <summary>Where initdb, pg_ctl and postgres live.</summary>
    public string BinDirectory { get; }

    /// <summary>The temp directory holding the cluster (<c>data</c>), its log and its socket.</summary>
    public string Directory { get; }

    public int Port { get; }

    private string DataDirectory => Path.Combine(Directory, "data");

    private string LogFile => Path.Combine(Directory, "server.log");

    /// <summary>Initialises and starts a server on a free port.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed, or the server did not start (the message
    /// carries its log).</exception>
    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDirectory();
        var directory = Path.Combine(Path.GetTempPath(), "keji-pg-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        if (IsRoot) Run("chown", ["postgres:postgres", directory]);
        try
        {
            RunAsPostgres(Path.Combine(bin, "initdb"),
                ["-D", Path.Combine(directory, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
            // A port another process took between the reservation and the bind: try the next one.
            for (var attempt = 1; ; attempt++)
            {
                var server = new PostgresServer(bin, directory, FreePorts.Reserve(1)[0]);
                if (server.TryStart(out var log))
                {
                    Running.TryAdd(server, 0);
                    await server.WaitAcceptingAsync();
                    return server;
                }
                if (attempt == 3) throw new InvalidOperationException($"PostgreSQL did not start in {directory}:\n{log}");
            }
        }
        catch (Exception)
        {
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>The Npgsql connection string of <paramref name="database"/> on this server (user <c>postgres</c>).</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Timeout = 10,
        }.ConnectionString;

    /// <summary>Creates a new empty database (its own for each caller) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "keji")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Runs <paramref name="sql"/> on the database of <paramref name="connectionString"/>, outside any storage.</summary>
    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Stops the server (fast shutdown) and removes its directory.</summary>
    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        Stop("fast");
        Running.TryRemove(this, out _);
        TryDelete(Directory);
        return ValueTask.CompletedTask;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinDirectory()
    {
        var candidates = System.IO.Directory.Exists(RootOfVersions)
            ? System.IO.Directory.GetDirectories(RootOfVersions)
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .ToList()
            : [];
        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            $"PostgreSQL is not installed: no {RootOfVersions}/<version>/bin/initdb. The PostgreSQL storage tests run " +
            "against a real server: install Debian's server with `apt-get install postgresql` (./test.sh does) and run them again.");
    }

    private bool TryStart(out string log)
    {
        var options = $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {Directory} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200";
        var (exit, output) = TryRunAsPostgres(Path.Combine(BinDirectory, "pg_ctl"),
            ["-D", DataDirectory, "-o", options, "-l", LogFile, "-w", "-t", "60", "start"]);
        log = $"pg_ctl exited {exit}: {output}\n{ReadLog()}";
        return exit == 0;
    }

    /// <summary>pg_ctl -w waits for the socket file; a TCP connection is what the tests use, so wait for that too.</summary>
    private async Task WaitAcceptingAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await ScalarAsync(ConnectionString(), "SELECT 1");
                return;
            }
            catch (NpgsqlException e) when (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                Trace.WriteLine($"PostgreSQL on port {Port} not accepting yet: {e.Message}");
                await Task.Delay(100);
            }
        }
    }

    private void Stop(string mode)
    {
        if (System.IO.Directory.Exists(DataDirectory))
        {
            TryRunAsPostgres(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", mode, "-w", "-t", "30", "stop"]);
        }
    }

    private string ReadLog()
    {
        try
        {
            return File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no server log)";
        }
        catch (IOException e)
        {
            return $"(server log unreadable: {e.Message})";
        }
    }

    private static void RunAsPostgres(string program, IReadOnlyList<string> args)
    {
        var (exit, output) = TryRunAsPostgres(program, args);
        if (exit != 0) throw new InvalidOperationException($"{Path.GetFileName(program)} exited {exit}:\n{output}");
    }

    private static (int Exit, string Output) TryRunAsPostgres(string program, IReadOnlyList<string> args) =>
        IsRoot ? TryRun("runuser", ["-u", "postgres", "--", program, .. args]) : TryRun(program, args);

    private static void Run(string program, IReadOnlyList<string> args)
    {
        var (exit, output) = TryRun(program, args);
        if (exit != 0) throw new InvalidOperationException($"{program} exited {exit}:\n{output}");
    }

    private static (int Exit, string Output) TryRun(string program, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (System.IO.Directory.Exists(directory)) System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException e)
        {
            Trace.WriteLine($"could not remove {directory}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            Trace.WriteLine($"could not remove {directory}: {e.Message}");
        }
    }
}
