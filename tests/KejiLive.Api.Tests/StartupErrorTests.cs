using System.Net;
using System.Net.Sockets;
using KejiLive.Api.Tests.Support;
using KejiLive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KejiLive.Api.Tests;

/// <summary>The real executables started with input that cannot work: each exits with code 2 and one line
/// "KejiLive will not start: …" naming the problem, never an unhandled exception or a stack trace. Two silos on one
/// machine never share Orleans ports or a data directory. Every test has its own temp directory and free ports.</summary>
[Collection(RestartTests.Name)]
public sealed class StartupErrorTests : IDisposable
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HealthDeadline = TimeSpan.FromSeconds(60);

    private readonly List<KejiProcess> _started = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "keji-startup-" + Guid.NewGuid().ToString("N"));

    public StartupErrorTests() => Directory.CreateDirectory(_directory);

    private string DataDirectory => Path.Combine(_directory, "data");

    public static TheoryData<string> BadInputs =>
    [
        "plan-missing", "plan-invalid-json", "holidays-missing", "holidays-invalid-json", "clock-without-offset",
        "clock-date-only", "clock-speed-zero", "clock-speed-text", "data-directory-under-a-file", "silo-port-text",
        "clustering-scalar", "clustering-unknown-provider", "clustering-redis-without-connection", "clustering-redis-unreachable",
        "clustering-redis-malformed", "reminders-without-clustering", "kubernetes-outside-a-pod", "kubernetes-not-boolean",
    ];

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Silo_WhenStartInputIsBad_ExitsWithOneLineNamingIt(string input)
    {
        var (args, expected) = Arrange(input);

        var silo = StartSilo(DataDirectory, SiloPorts.Reserve(), args);

        await AssertRefusedAsync(silo, expected);
    }

    private (string[] Args, string[] Expected) Arrange(string input)
    {
        var file = Path.Combine(_directory, input + ".json");
        switch (input)
        {
            case "plan-missing":
                return (["--Plan:File", file], [file, "does not exist", "Plan:File"]);
            case "plan-invalid-json":
                File.WriteAllText(file, "{ \"year\": 2025,");
                return (["--Plan:File", file], [file, "malformed JSON", "Plan:File"]);
            case "holidays-missing":
                return (["--Plan:Holidays", file], [file, "does not exist", "Plan:Holidays"]);
            case "holidays-invalid-json":
                File.WriteAllText(file, "[ 2025-01-01 ]");
                return (["--Plan:Holidays", file], [file, "malformed JSON", "Plan:Holidays"]);
            case "clock-without-offset":
                return (["--Clock:Now", "2025-07-02T10:00:00"], ["Clock:Now", "'2025-07-02T10:00:00'", "2025-07-02T10:00:00+08:00"]);
            case "clock-date-only":
                return (["--Clock:Now", "2025-07-02"], ["Clock:Now", "'2025-07-02'", "2025-07-02T10:00:00+08:00"]);
            case "clock-speed-zero":
                return (["--Clock:Speed", "0"], ["Clock:Speed", "'0'", "positive number"]);
            case "clock-speed-text":
                return (["--Clock:Speed", "fast"], ["Clock:Speed", "'fast'", "positive number"]);
            case "data-directory-under-a-file":
                // Tests run as root, so a read-only directory would still be writable: a regular file as the parent
                // makes the directory impossible for anyone.
                var parent = Path.Combine(_directory, "a-file");
                File.WriteAllText(parent, "not a directory");
                var under = Path.Combine(parent, "data");
                return (["--Data:Directory", under], [under, "Data:Directory", "cannot be created"]);
            case "silo-port-text":
                return (["--Orleans:SiloPort", "eleven"], ["Orleans:SiloPort", "'eleven'"]);
            case "clustering-scalar":
                // The form that crashes Orleans itself at start ("Could not find Clustering provider named 'Default'").
                return (["--Orleans:Clustering", "Redis"], ["Orleans:Clustering is a section", "Orleans:Clustering:ProviderType=Redis"]);
            case "clustering-unknown-provider":
                return (["--Orleans:Clustering:ProviderType", "Consul"], ["Orleans:Clustering:ProviderType 'Consul'", "Redis"]);
            case "clustering-redis-without-connection":
                return (["--Orleans:Clustering:ProviderType", "Redis"], ["ConnectionStrings:redis is not set"]);
            case "clustering-redis-unreachable":
                // A port nothing listens on: refused at once, said in one line within the minute.
                var closed = FreePorts.Reserve(1)[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
                return (["--Orleans:Clustering:ProviderType", "Redis", "--ConnectionStrings:redis", "127.0.0.1:" + closed],
                    ["cannot reach Redis at 127.0.0.1:" + closed, "ConnectionStrings:redis"]);
            case "clustering-redis-malformed":
                return (["--Orleans:Clustering:ProviderType", "Redis", "--ConnectionStrings:redis", "127.0.0.1:6379,nosuchoption=1"],
                    ["ConnectionStrings:redis", "is not a Redis address"]);
            case "reminders-without-clustering":
                return (["--Orleans:Reminders:ProviderType", "Redis"], ["Orleans:Reminders:ProviderType is Redis", "Orleans:Clustering:ProviderType is not set"]);
            case "kubernetes-outside-a-pod":
                return (["--Hosting:Kubernetes", "true"], ["Hosting:Kubernetes=true", "not a Kubernetes pod", "POD_NAME"]);
            case "kubernetes-not-boolean":
                return (["--Hosting:Kubernetes", "on"], ["Hosting:Kubernetes 'on'", "true or false"]);
            default:
                throw new ArgumentOutOfRangeException(nameof(input), input, null);
        }
    }

    [Fact]
    public async Task DashboardHost_WhenClockNowHasNoOffset_ExitsWithOneLineNamingTheExpectedForm()
    {
        var ports = FreePorts.Reserve(2);
        var host = KejiProcess.StartHost(ports[0], ports[1], "2025-07-02T10:00:00");
        _started.Add(host);

        await AssertRefusedAsync(host, ["Clock:Now", "2025-07-02T10:00:00+08:00"]);
    }

    [Fact]
    public async Task DashboardHost_WhenHttpPortIsInUse_ExitsWithOneLineNamingPortAndUrls()
    {
        var ports = FreePorts.Reserve(2);
        using var squatter = new TcpListener(IPAddress.Loopback, ports[0]);
        squatter.Start();

        var host = KejiProcess.StartHost(ports[0], ports[1], KejiApiFactory.ClockNow);
        _started.Add(host);

        await AssertRefusedAsync(host, [$"port {ports[0]}", "--urls", "in use"]);
    }

    public static TheoryData<string> BusyPorts => ["http", "silo", "gateway"];

    /// <summary>Something else (here a plain listener) holds one of the silo's ports: the silo names it and the key.</summary>
    [Theory]
    [MemberData(nameof(BusyPorts))]
    public async Task Silo_WhenAPortIsInUse_ExitsWithOneLineNamingPortAndKey(string which)
    {
        var ports = SiloPorts.Reserve();
        var (port, key) = which switch
        {
            "http" => (ports.Http, "--urls"),
            "silo" => (ports.Silo, "Orleans:SiloPort"),
            "gateway" => (ports.Gateway, "Orleans:GatewayPort"),
            _ => throw new ArgumentOutOfRangeException(nameof(which), which, null),
        };
        using var squatter = new TcpListener(IPAddress.Loopback, port);
        squatter.Start();

        var silo = StartSilo(DataDirectory, ports);

        await AssertRefusedAsync(silo, [$"port {port}", key, "in use"]);
    }

    /// <summary>Orleans binds with SO_REUSEPORT on Linux: before the check, the second silo bound the same ports and
    /// joined the first's cluster. Now it refuses, and the first serves on alone.</summary>
    [Fact]
    public async Task Silo_WhenSecondStartsOnSameOrleansPorts_SecondRefusesAndFirstStaysAlone()
    {
        var ports = SiloPorts.Reserve();
        var first = StartSilo(DataDirectory, ports);
        await first.WaitHealthyAsync(HealthDeadline);
        var secondPorts = ports with { Http = FreePorts.Reserve(1)[0] };

        var second = StartSilo(Path.Combine(_directory, "data-2"), secondPorts);

        await AssertRefusedAsync(second, [$"port {ports.Silo}", "Orleans:SiloPort", "in use"]);
        await first.WaitHealthyAsync(HealthDeadline);
        Assert.Equal(1, await ActiveSilosAsync(ports.Gateway));
    }

    [Fact]
    public async Task Silo_WhenDataDirectoryIsHeld_SecondRefusesAndAfterKillNineANewOneStarts()
    {
        var first = StartSilo(DataDirectory, SiloPorts.Reserve());
        await first.WaitHealthyAsync(HealthDeadline);

        var second = StartSilo(DataDirectory, SiloPorts.Reserve());
        await AssertRefusedAsync(second, [DataDirectory, "Data:Directory", "in use", "keji.lock"]);

        first.KillHard();
        Assert.True(File.Exists(Path.Combine(DataDirectory, "keji.lock")));
        var third = StartSilo(DataDirectory, SiloPorts.Reserve());
        await third.WaitHealthyAsync(HealthDeadline);
    }

    [Fact]
    public async Task Silo_WhenOrleansPortsAreZero_PicksFreePortsAndSaysWhich()
    {
        var ports = SiloPorts.Reserve();

        var silo = StartSilo(DataDirectory, ports, "--Orleans:SiloPort", "0", "--Orleans:GatewayPort", "0");

        await silo.WaitHealthyAsync(HealthDeadline);
        Assert.Contains("picked free ports", silo.Stdout + silo.Stderr);
    }

    private KejiProcess StartSilo(string dataDirectory, SiloPorts ports, params string[] args)
    {
        var silo = KejiProcess.StartSilo(dataDirectory, ports, KejiApiFactory.ClockNow, args);
        _started.Add(silo);
        return silo;
    }

    internal static async Task AssertRefusedAsync(KejiProcess process, string[] expected)
    {
        Assert.True(await process.WaitForExitAsync(ExitDeadline), $"still running after {ExitDeadline.TotalSeconds} s.\n{process.Describe()}");
        Assert.True(process.ExitCode == 2, $"exit code {process.ExitCode}.\n{process.Describe()}");
        var output = process.Stdout + process.Stderr;
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("KejiLive will not start: ", StringComparison.Ordinal));
        foreach (var fragment in expected) Assert.True(line.Contains(fragment, StringComparison.Ordinal), $"'{fragment}' is not in: {line}");
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at KejiLive.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>The silos the cluster behind <paramref name="gatewayPort"/> counts as active, asked as an Orleans client.</summary>
    private static async Task<int> ActiveSilosAsync(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var management = host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            var hosts = await management.GetHosts(onlyActive: true);
            return hosts.Count;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public void Dispose()
    {
        foreach (var process in _started) process.Dispose();
        KejiApiFactory.TryDelete(_directory);
    }
}
