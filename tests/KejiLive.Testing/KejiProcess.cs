using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace KejiLive.Testing;

/// <summary>The loopback ports of one silo process: its HTTP port, its silo-to-silo port and its gateway (where extra web
/// nodes connect).</summary>
public sealed record SiloPorts(int Http, int Silo, int Gateway)
{
    /// <summary>Three free ports, reserved together.</summary>
    public static SiloPorts Reserve()
    {
        var p = FreePorts.Reserve(3);
        return new SiloPorts(p[0], p[1], p[2]);
    }

    public Uri BaseAddress => KejiProcess.Loopback(Http);
}

/// <summary>A real KejiLive executable (<c>dotnet KejiLive.Silo.dll</c> or <c>dotnet KejiLive.Dashboard.Host.dll</c>)
/// as a separate process, run from its own build output folder, with stdout and stderr captured for failure messages.
/// Dispose kills the process tree if it still runs; so does the end of the test run, for processes a crashed test left.</summary>
public sealed class KejiProcess : IDisposable
{
    /// <summary>Captured output beyond this many characters per stream drops its oldest half.</summary>
    private const int MaxCapturedChars = 1 << 20;

    private static readonly ConcurrentDictionary<KejiProcess, byte> Running = new();
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    static KejiProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var p in Running.Keys) p.KillHard();
        };
    }

    private KejiProcess(KejiApp app, Process process, Uri baseAddress, IReadOnlyList<string> arguments)
    {
        App = app;
        _process = process;
        BaseAddress = baseAddress;
        Arguments = arguments;
    }

    public KejiApp App { get; }

    /// <summary>The HTTP address the process listens on (<c>http://127.0.0.1:port</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The command-line arguments after the dll, for failure messages.</summary>
    public IReadOnlyList<string> Arguments { get; }

    public int Id => _process.Id;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>How many times <paramref name="text"/> appeared in stdout, counting what the capture dropped since the
    /// text was first asked for: it never goes down, so "more than before" stays true however much the process logs
    /// afterwards (a silo retrying a dead node's observer can fill the capture within minutes).</summary>
    public int StdoutOccurrences(string text)
    {
        lock (_stdout)
        {
            _droppedOccurrences.TryAdd(text, 0);
            return _droppedOccurrences[text] + Occurrences(_stdout.ToString(), text);
        }
    }

    /// <summary>Per text asked for by <see cref="StdoutOccurrences"/>: its occurrences in stdout the capture dropped.</summary>
    private readonly Dictionary<string, int> _droppedOccurrences = new(StringComparer.Ordinal);

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The admin token every process started here is configured with (<c>Auth:AdminToken</c>).</summary>
    public const string AdminToken = "test-admin-token-0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>An HTTP client of this process, authenticated as admin unless <paramref name="token"/> says otherwise.</summary>
    public HttpClient CreateClient(string? token = AdminToken, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static Uri Loopback(int port) => new($"http://127.0.0.1:{port}");

    /// <summary>The silo (web side co-hosted) on <paramref name="ports"/>, its embedded storage in
    /// <paramref name="dataDirectory"/>, the plan clock pinned at <paramref name="clockNow"/>; then
    /// <paramref name="extraArgs"/> (later arguments win).</summary>
    public static KejiProcess StartSilo(string dataDirectory, SiloPorts ports, string clockNow, params string[] extraArgs) =>
        Start(KejiApp.Silo, ports.Http,
        [
            "--Data:Directory", dataDirectory, "--Clock:Now", clockNow,
            "--Orleans:SiloPort", ports.Silo.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Orleans:GatewayPort", ports.Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. extraArgs,
        ]);

    /// <summary>The web side alone on <paramref name="httpPort"/>, an Orleans client of the silo whose gateway listens on
    /// <paramref name="gatewayPort"/>.</summary>
    public static KejiProcess StartHost(int httpPort, int gatewayPort, string clockNow, params string[] extraArgs) =>
        Start(KejiApp.DashboardHost, httpPort,
        [
            "--Clock:Now", clockNow,
            "--Orleans:GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. extraArgs,
        ]);

    /// <summary>Starts <paramref name="app"/> listening on <c>http://127.0.0.1:<paramref name="httpPort"/></c> with
    /// <paramref name="args"/> after <c>--urls</c>.</summary>
    public static KejiProcess Start(KejiApp app, int httpPort, IEnumerable<string> args) => Start(app, httpPort, args, []);

    /// <summary>As <see cref="Start(KejiApp, int, IEnumerable{string})"/>, run through <paramref name="wrapper"/> (a
    /// command and its arguments that end by running the rest of their command line, e.g. <c>unshare … sh -c '…; exec
    /// "$@"' sh</c>), to change what the process sees of the machine.</summary>
    public static KejiProcess Start(KejiApp app, int httpPort, IEnumerable<string> args, IReadOnlyList<string> wrapper)
    {
        var dll = app.DllPath();
        var baseAddress = Loopback(httpPort);
        var info = new ProcessStartInfo(wrapper.Count > 0 ? wrapper[0] : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        // Every process a test starts knows the same admin token, and a rate limit no test meets unless it sets its own.
        var arguments = new List<string>
        {
            "--urls", baseAddress.ToString().TrimEnd('/'), "--Auth:AdminToken", AdminToken, "--Auth:PermitsPerMinute", "1000000",
        };
        arguments.AddRange(args);
        if (wrapper.Count > 0)
        {
            foreach (var part in wrapper.Skip(1)) info.ArgumentList.Add(part);
            info.ArgumentList.Add("dotnet");
        }
        info.ArgumentList.Add(dll);
        foreach (var arg in arguments) info.ArgumentList.Add(arg);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        info.Environment.Remove("ASPNETCORE_HTTPS_PORTS");
        info.Environment["DOTNET_NOLOGO"] = "1";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new KejiProcess(app, process, baseAddress, arguments);
        process.OutputDataReceived += (_, e) => Capture(started._stdout, e.Data, started._droppedOccurrences);
        process.ErrorDataReceived += (_, e) => Capture(started._stderr, e.Data, null);
        process.Start();
        Running.TryAdd(started, 0);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    private static void Capture(StringBuilder into, string? line, Dictionary<string, int>? dropped)
    {
        if (line is null) return;
        lock (into)
        {
            if (into.Length > MaxCapturedChars)
            {
                // The oldest half, up to a line's end, so that no line is counted in neither part.
                var all = into.ToString();
                var cut = all.IndexOf('\n', all.Length / 2) + 1;
                if (cut <= 0) cut = all.Length;
                if (dropped is { Count: > 0 })
                {
                    var gone = all[..cut];
                    foreach (var text in dropped.Keys.ToList()) dropped[text] += Occurrences(gone, text);
                }
                into.Remove(0, cut).Insert(0, "[…earlier output dropped…]\n");
            }
            into.AppendLine(line);
        }
    }

    /// <summary>Polls <c>/health</c> until it answers 200 or <paramref name="deadline"/> passes; throws with the captured
    /// output when the deadline passes or the process exits first.</summary>
    public async Task WaitHealthyAsync(TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        var health = new Uri(BaseAddress, "/health");
        var last = "no answer yet";
        while (clock.Elapsed < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was healthy.\n{Describe()}");
            }
            try
            {
                using var response = await Probe.GetAsync(health);
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
            await Task.Delay(100);
        }
        throw new TimeoutException($"{Name} was not healthy within {deadline.TotalSeconds} s (last: {last}).\n{Describe()}");
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

    /// <summary>kill -9 (SIGKILL on Linux) of the whole tree, then waits until it is gone.</summary>
    public void KillHard()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already disposed.
        }
        Running.TryRemove(this, out _);
    }

    private string Name => $"{App.AssemblyName()} (pid {SafeId()}, {BaseAddress})";

    private string SafeId()
    {
        try
        {
            return _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    public string Describe() =>
        $"--- {App.AssemblyName()} {string.Join(' ', Arguments)} ---\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
