using System.Net;
using System.Text.RegularExpressions;
using KejiLive.Api.Tests.Support;
using KejiLive.Testing;

namespace KejiLive.Api.Tests;

/// <summary>The real process, as an operator starts it: the first admin token, the demo's open reading, the rate limit.</summary>
public sealed partial class SecureByDefaultTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "keji-secure-" + Guid.NewGuid().ToString("N"));
    private readonly List<KejiProcess> _started = [];

    [Fact]
    public async Task FirstStart_WithoutAConfiguredAdminToken_PrintsAOneTimeAdminToken_ThatWorks_AndIsNotPrintedAgain()
    {
        var first = Start("--Auth:AdminToken=");
        await first.WaitHealthyAsync(Deadline);
        var token = await WaitForTokenAsync(first);
        using (var admin = first.CreateClient(token))
        using (var anonymous = first.CreateClient(null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/plan")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/tokens")).StatusCode);
        }
        first.Dispose();

        var second = Start("--Auth:AdminToken=");
        await second.WaitHealthyAsync(Deadline);
        using var again = second.CreateClient(token);

        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/tokens")).StatusCode);
        Assert.DoesNotMatch(TokenLine(), second.Stdout);
    }

    [Fact]
    public async Task OpenReadingOnLoopback_LetsThisMachineReadWithoutAToken_ButNotWrite_AndSaysSo()
    {
        var silo = Start("--Auth:OpenReadingOnLoopback=true");
        await silo.WaitHealthyAsync(Deadline);
        using var anonymous = silo.CreateClient(null);

        using var read = await anonymous.GetAsync("/api/plan");
        using var write = await anonymous.PostAsync("/api/reports",
            new StringContent(KejiApi.Report("loopback-1", "tech-smes", "360702", 1).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        using var tokens = await anonymous.GetAsync("/api/tokens");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tokens.StatusCode);
        Assert.Contains("OpenReadingOnLoopback", silo.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_PerToken_Answers429WithRetryAfter_AndOtherTokensGoOn()
    {
        var silo = Start("--Auth:PermitsPerMinute=5");
        await silo.WaitHealthyAsync(Deadline);
        using var admin = silo.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await admin.GetAsync("/api/status");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 without Retry-After");
                Assert.Equal(KejiApi.ProblemJson, response.Content.Headers.ContentType?.MediaType);
            }
        }
        using var other = silo.CreateClient(null);
        using var health = await other.GetAsync("/health");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task AChangedPlanFile_IsAuditedWithBothHashes_AndAnUnchangedOneIsNot()
    {
        Directory.CreateDirectory(_dataDirectory);
        var plan = Path.Combine(_dataDirectory, "plan.json");
        var shipped = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(KejiApp.Silo.DllPath())!, "plans", "ganzhou-2025.json"));
        await File.WriteAllTextAsync(plan, shipped);
        var holidays = Path.Combine(Path.GetDirectoryName(KejiApp.Silo.DllPath())!, "plans", "holidays-2025.json");

        foreach (var text in new[] { shipped, shipped, shipped.Replace("// 赣州市", "// 修订：赣州市", StringComparison.Ordinal) })
        {
            await File.WriteAllTextAsync(plan, text);
            using var silo = Start("--Plan:File", plan, "--Plan:Holidays", holidays);
            await silo.WaitHealthyAsync(Deadline);
            silo.Dispose();
        }
        using var last = Start("--Plan:File", plan, "--Plan:Holidays", holidays);
        await last.WaitHealthyAsync(Deadline);
        using var admin = last.CreateClient();

        var loads = (await admin.GetJsonAsync("/api/audit?action=plan.load")).AsArray();

        Assert.Equal(2, loads.Count);
        var (newest, first) = (loads[0]!["detail"]!.GetValue<string>(), loads[1]!["detail"]!.GetValue<string>());
        var firstHash = first.Split("sha256=")[1].Split(';')[0];
        Assert.Contains("previous=-", first, StringComparison.Ordinal);
        Assert.Contains($"previous={firstHash}", newest, StringComparison.Ordinal);
        Assert.DoesNotContain($"sha256={firstHash}", newest, StringComparison.Ordinal);
        Assert.Equal("system", loads[0]!["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task AShortConfiguredAdminToken_StopsTheStart()
    {
        var silo = Start("--Auth:AdminToken=admin");

        Assert.True(await silo.WaitForExitAsync(Deadline), silo.Describe());
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("Auth:AdminToken must be at least 32 characters", silo.Stderr + silo.Stdout, StringComparison.Ordinal);
    }

    private static async Task<string> WaitForTokenAsync(KejiProcess process)
    {
        for (var i = 0; i < 100; i++)
        {
            if (TokenLine().Match(process.Stdout) is { Success: true } match) return match.Groups[1].Value;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("no one-time admin token in the output:\n" + process.Describe());
    }

    [GeneratedRegex(@"^\s+(kl_[0-9a-f]{12}_[A-Za-z0-9_-]{43})\s*$", RegexOptions.Multiline)]
    private static partial Regex TokenLine();

    private KejiProcess Start(params string[] extraArgs)
    {
        Directory.CreateDirectory(_dataDirectory);
        var silo = KejiProcess.StartSilo(_dataDirectory, SiloPorts.Reserve(), KejiApiFactory.ClockNow, extraArgs);
        _started.Add(silo);
        return silo;
    }

    public void Dispose()
    {
        foreach (var silo in _started) silo.Dispose();
        KejiApiFactory.TryDelete(_dataDirectory);
    }
}
