using KejiLive.Dashboard.Hosting;
using KejiLive.Silo;
using Microsoft.Extensions.Configuration;

namespace KejiLive.Api.Tests;

/// <summary>The start-up readings behind the process tests, in-process: the strict clock, the PublicUrl default and the
/// data directory lock.</summary>
public sealed class StartupInputTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Theory]
    [InlineData("2025-07-02T10:00:00+08:00", "2025-07-02T02:00:00Z")]
    [InlineData("2025-07-02T10:00+08:00", "2025-07-02T02:00:00Z")]
    [InlineData("2025-07-02T10:00:00.5+08:00", "2025-07-02T02:00:00.5Z")]
    [InlineData("2025-07-02T02:00:00Z", "2025-07-02T02:00:00Z")]
    [InlineData("2025-07-01T20:00:00-06:00", "2025-07-02T02:00:00Z")]
    public void ClockNow_WhenItCarriesAnOffset_IsThatInstant(string text, string utc)
    {
        var (now, speed) = KejiHostingExtensions.ReadClockSettings(Config(("Clock:Now", text)));

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), now);
        Assert.Equal(1.0, speed);
    }

    [Theory]
    [InlineData("2025-07-02T10:00:00")]
    [InlineData("2025-07-02")]
    [InlineData("2025-07-02 10:00:00+08:00")]
    [InlineData("07/02/2025 10:00 +08:00")]
    [InlineData("2025-07-02T10:00:00+0800")]
    [InlineData("yesterday")]
    public void ClockNow_WhenItHasNoOffsetOrIsNotIso_IsRefusedNamingTheForm(string text)
    {
        var error = Assert.Throws<KejiStartupException>(() => KejiHostingExtensions.ReadClockSettings(Config(("Clock:Now", text))));

        Assert.Contains($"Clock:Now '{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(KejiHostingExtensions.ClockNowExample, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("fast")]
    public void ClockSpeed_WhenNotAPositiveNumber_IsRefused(string text)
    {
        var error = Assert.Throws<KejiStartupException>(() => KejiHostingExtensions.ReadClockSettings(Config(("Clock:Speed", text))));

        Assert.Contains($"Clock:Speed '{text}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "http://localhost:5000")]
    [InlineData("http://0.0.0.0:8080", null, "http://localhost:8080")]
    [InlineData("http://*:8080;http://127.0.0.1:9090", null, "http://localhost:8080")]
    [InlineData("http://+:80", null, "http://localhost:80")]
    [InlineData("http://[::]:8080", null, "http://localhost:8080")]
    [InlineData("https://keji.example.gov.cn/", null, "https://keji.example.gov.cn")]
    [InlineData("http://127.0.0.1:5123", null, "http://127.0.0.1:5123")]
    [InlineData(null, "8080", "http://localhost:8080")]
    public void PublicUrlDefault_WhenUrlsAreConfigured_FollowsTheFirstWithWildcardsAsLocalhost(string? urls, string? httpPorts, string expected)
    {
        var values = new List<(string, string)>();
        if (urls is not null) values.Add(("urls", urls));
        if (httpPorts is not null) values.Add(("http_ports", httpPorts));

        Assert.Equal(expected, KejiListenAddresses.DefaultPublicUrl(Config([.. values])));
    }

    [Fact]
    public void DataDirectoryLock_WhenHeld_RefusesASecondHolderUntilReleased()
    {
        var directory = Path.Combine(Path.GetTempPath(), "keji-lock-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var first = DataDirectoryLock.Acquire(directory))
            {
                var error = Assert.Throws<KejiStartupException>(() => DataDirectoryLock.Acquire(directory));
                Assert.Contains(directory, error.Message, StringComparison.Ordinal);
                Assert.Contains(DataDirectoryLock.FileName, error.Message, StringComparison.Ordinal);
            }
            using var again = DataDirectoryLock.Acquire(directory);
            Assert.Equal(directory, again.Directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
