using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace KejiLive.Testing;

/// <summary>A real Redis server of the test run's own: Debian's <c>redis-server</c> on a free loopback port, its files in
/// a temp directory, append-only with <c>appendfsync always</c> and no RDB snapshots (as the cluster runs it);
/// <see cref="DisposeAsync"/> kills it and removes the directory, and so does the end of the test run for a server a
/// crashed test left. When the binary is missing, <see cref="StartAsync"/> fails saying how to install it: a cluster
/// test never skips.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server"];
    private static readonly ConcurrentDictionary<RedisServer, byte> Running = new();
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    static RedisServer()
    {
        // A crashed test run must not leave a server behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in Running.Keys) server.Kill();
        };
    }

    private RedisServer(Process process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
    }

    /// <summary>The temp directory holding the append-only file.</summary>
    public string Directory { get; }

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string (<c>127.0.0.1:port</c>), as <c>ConnectionStrings:redis</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>What the server printed, for failure messages.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts a server on a free port and waits until it answers <c>PING</c>.</summary>
    /// <exception cref="InvalidOperationException">redis-server is not installed, or the server did not start (the message
    /// carries its output).</exception>
    public static async Task<RedisServer> StartAsync()
    {
        var binary = Candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            "Redis is not installed: no redis-server in /usr/bin. The cluster tests run against a real server: install " +
            "Debian's with `apt-get install redis-server` (./test.sh does) and run them again.");
        var directory = Path.Combine(Path.GetTempPath(), "keji-redis-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        // A port another process took between the reservation and the bind: try the next one.
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(binary, directory, FreePorts.Reserve(1)[0]);
            if (await server.WaitAnsweringAsync()) return server;
            var output = server.Output;
            await server.DisposeAsync();
            if (attempt == 3) throw new InvalidOperationException($"redis-server did not answer PING within {StartDeadline.TotalSeconds} s:\n{output}");
            System.IO.Directory.CreateDirectory(directory);
        }
    }

    private static RedisServer Launch(string binary, string directory, int port)
    {
        var info = new ProcessStartInfo(binary)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
            "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no", "--protected-mode", "yes",
        })
        {
            info.ArgumentList.Add(arg);
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new RedisServer(process, directory, port);
        process.OutputDataReceived += (_, e) => server.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => server.Capture(e.Data);
        process.Start();
        Running.TryAdd(server, 0);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Capture(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>PING over a plain socket (RESP inline command) until <c>+PONG</c>; false when the process exits first or
    /// the deadline passes.</summary>
    private async Task<bool> WaitAnsweringAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartDeadline && !_process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)) return true;
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                Trace.WriteLine($"Redis on port {Port} not answering yet: {e.Message}");
            }
            await Task.Delay(50);
        }
        return false;
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    /// <summary>Kills the server (kill -9) and removes its directory.</summary>
    public ValueTask DisposeAsync()
    {
        Kill();
        Running.TryRemove(this, out _);
        _process.Dispose();
        try
        {
            if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException e)
        {
            Trace.WriteLine($"could not remove {Directory}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            Trace.WriteLine($"could not remove {Directory}: {e.Message}");
        }
        return ValueTask.CompletedTask;
    }
}
