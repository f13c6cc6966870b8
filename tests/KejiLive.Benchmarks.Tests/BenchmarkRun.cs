using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace KejiLive.Benchmarks.Tests;

/// <summary>One finished run of the benchmark executable: <c>dotnet KejiLive.Benchmarks.dll</c> with the given arguments,
/// from the benchmark's own output folder, with its exit code and everything it printed.</summary>
public sealed class BenchmarkRun
{
    /// <summary>A smoke run that takes longer than this is killed and reported with what it printed so far.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private BenchmarkRun(IReadOnlyList<string> arguments, int exitCode, string stdout, string stderr)
    {
        Arguments = arguments;
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
    }

    /// <summary>The arguments after the dll.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The process's exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Everything written to standard output.</summary>
    public string Stdout { get; }

    /// <summary>Everything written to standard error.</summary>
    public string Stderr { get; }

    /// <summary>The run as a failure message: the command, the exit code and both streams.</summary>
    public string Describe() =>
        $"--- KejiLive.Benchmarks {string.Join(' ', Arguments)} → exit {ExitCode} ---\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>Runs the benchmark with <paramref name="arguments"/> (<c>mode=... key=value ...</c>) until it exits.</summary>
    /// <exception cref="TimeoutException">The run did not finish within three minutes (it is killed first).</exception>
    public static async Task<BenchmarkRun> StartAndWaitAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(DllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["DOTNET_NOLOGO"] = "1";

        using var process = new Process { StartInfo = info };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            var killed = new BenchmarkRun(arguments, -1, Read(stdout), Read(stderr));
            throw new TimeoutException($"The benchmark did not finish within {Timeout.TotalSeconds} s.\n{killed.Describe()}");
        }
        process.WaitForExit(); // flushes the asynchronously read streams
        return new BenchmarkRun(arguments, process.ExitCode, Read(stdout), Read(stderr));
    }

    private static string DllPath
    {
        get
        {
            var path = typeof(BenchmarkRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "BenchmarkExecutable")?.Value
                ?? throw new InvalidOperationException("This assembly was built without the path of KejiLive.Benchmarks (no 'BenchmarkExecutable' metadata).");
            return File.Exists(path) ? path : throw new FileNotFoundException($"KejiLive.Benchmarks is not built where the build said it would be: {path}", path);
        }
    }

    private static void Append(StringBuilder into, string? line)
    {
        if (line is null) return;
        lock (into) into.AppendLine(line);
    }

    private static string Read(StringBuilder from)
    {
        lock (from) return from.ToString();
    }
}
