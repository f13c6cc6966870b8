using System.Net;
using KejiLive.Testing;
using SkiaSharp;

namespace KejiLive.Api.Tests;

/// <summary>The silo on a machine without any font installed: the charts still draw Chinese with the font that comes with
/// the build. The fonts are hidden from the process by mounting empty directories over the system's font folders in a
/// mount namespace of its own (<c>unshare -m</c>, as root: CI and the test script run as root), and the process itself
/// reports that it sees no CJK family, so the test knows the hiding worked.</summary>
[Collection(RestartTests.Name)]
public sealed class FreshMachineTests : IDisposable
{
    private static readonly string[] FontDirectories = ["/usr/share/fonts", "/usr/local/share/fonts", "/root/.fonts", "/root/.local/share/fonts"];

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("keji-fresh-").FullName;
    private KejiProcess? _silo;

    [Fact]
    public async Task Silo_WhenNoSystemFontIsVisible_StartsAndDrawsChartsWithTheBundledFont()
    {
        Assert.True(Environment.UserName == "root" && File.Exists("/usr/bin/unshare"),
            "This test hides the system fonts with `unshare -m` and tmpfs mounts, which needs root and util-linux's unshare " +
            $"(user {Environment.UserName}). Run the tests as root (./test.sh does in CI).");
        var hide = string.Join("; ", FontDirectories.Select(d => $"if [ -d {d} ]; then mount -t tmpfs none {d} || exit 97; fi"));
        var ports = SiloPorts.Reserve();
        _silo = KejiProcess.Start(KejiApp.Silo, ports.Http,
            [
                "--Data:Directory", _dataDirectory, "--Clock:Now", "2025-07-08T10:00:00+08:00",
                "--Orleans:SiloPort", ports.Silo.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--Orleans:GatewayPort", ports.Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ],
            ["unshare", "-m", "--propagation", "private", "--", "sh", "-c", hide + "; exec \"$@\"", "sh"]);
        await _silo.WaitHealthyAsync(TimeSpan.FromSeconds(60));

        Assert.Contains("charts use the bundled font Noto Sans SC", _silo.Stdout, StringComparison.Ordinal);
        Assert.Contains("CJK fonts installed on this machine: none", _silo.Stdout, StringComparison.Ordinal);

        using var http = _silo.CreateClient();
        using (var generated = await http.PostAsync("/api/reports/weekly/2025-W27/generate", null))
        {
            Assert.True(generated.StatusCode == HttpStatusCode.OK, await generated.Content.ReadAsStringAsync() + _silo.Describe());
        }
        using var chart = await http.GetAsync("/api/reports/weekly/2025-W27/charts/headline.png");
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        using var bitmap = SKBitmap.Decode(await chart.Content.ReadAsByteArrayAsync());
        Assert.NotNull(bitmap);
        Assert.DoesNotContain("Unhandled exception", _silo.Stdout + _silo.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _silo?.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
