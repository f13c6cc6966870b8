using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KejiLive.Api.Tests.Support;

/// <summary>The real silo (<c>dotnet KejiLive.Silo.dll</c>, copied next to this test assembly by the project reference)
/// as a separate process, with its output captured for failure messages. Dispose kills it if it still runs.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private SiloProcess(Process process, Uri? baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri? BaseAddress { get; }

    public static string SiloDll => Path.Combine(AppContext.BaseDirectory, "KejiLive.Silo.dll");

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the silo on a free HTTP port with <paramref name="extraArgs"/> after the standard ones.</summary>
    public static SiloProcess Start(string dataDirectory, params string[] extraArgs)
    {
        if (!File.Exists(SiloDll)) throw new FileNotFoundException($"The silo is not next to the test assembly: {SiloDll}");

        // Reserve a free port and give it up just before launch.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var baseAddress = new Uri($"http://127.0.0.1:{port}");

        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[]
                 {
                     SiloDll, "--urls", baseAddress.ToString().TrimEnd('/'), "--Data:Directory", dataDirectory,
                     "--Clock:Now", KejiApiFactory.ClockNow,
                 }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        info.Environment["DOTNET_NOLOGO"] = "1";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (silo._stdout) silo._stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (silo._stderr) silo._stderr.AppendLine(e.Data); };

        listener.Stop();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Polls <c>/health</c> until it answers 200 or <paramref name="deadline"/> passes; fails with the output.</summary>
    public async Task WaitHealthyAsync(HttpClient client, TimeSpan deadline)
    {
        var until = Stopwatch.StartNew();
        string last = "no answer yet";
        while (until.Elapsed < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before it was healthy.\n{Describe()}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress!, "/health"));
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException e)
            {
                last = e.Message;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The silo was not healthy within {deadline.TotalSeconds} s (last: {last}).\n{Describe()}");
    }

    /// <summary>Waits for the process to exit on its own within <paramref name="timeout"/>; false when it did not.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            _process.WaitForExit(); // flushes the asynchronously read stdout/stderr
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>kill -9 (SIGKILL on Linux), the whole tree, and wait until it is gone.</summary>
    public void KillHard()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.WaitForExit(10_000);
    }

    public string Describe() => $"--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
