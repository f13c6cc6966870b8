using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Filling;
using KejiLive.Api.Tests.Support;
using KejiLive.Dashboard.Observability;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KejiLive.Api.Tests;

/// <summary>The office's metrics on /metrics, on a system of their own (exact counts): reports by unit and channel, the
/// 督办 backlog as the alert list shows it, hub connections, the live feed's lag, and a scrape that promtool finds
/// clean for every KejiLive series.</summary>
public sealed partial class MetricsTests(KejiApiFactory factory) : IClassFixture<KejiApiFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private async Task<(string Text, IReadOnlyList<PrometheusText.Sample> Samples)> ScrapeAsync()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/metrics answered {(int)response.StatusCode}: {text}");
        return (text, PrometheusText.Parse(text));
    }

    [Fact]
    public async Task Reports_ByUnitAndChannel_CountStoredAndRefused()
    {
        using var client = factory.CreateClient();
        using (var ok = await client.PostReportAsync(KejiApi.Report(KejiApi.NewId("m-ok"), "talent-teams", "360702", 2))) Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var id = KejiApi.NewId("m-batch");
        var batch = new JsonArray(KejiApi.Report(id + "-a", "talent-teams", "360703", 1), KejiApi.Report(id + "-b", "talent-teams", "360704", 1));
        using (var two = await client.PostReportAsync(batch)) Assert.Equal(HttpStatusCode.Created, two.StatusCode);
        // A repeat of an accepted report is answered 200 and not counted again.
        using (var again = await client.PostReportAsync(batch)) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        // Refused: a misspelt field (360781), and a unit the plan does not have.
        var bad = KejiApi.Report(KejiApi.NewId("m-bad"), "talent-teams", "360781", 1);
        bad.Remove("value");
        bad["vaule"] = 1;
        using (var refused = await client.PostReportAsync(bad)) Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using (var stranger = await client.PostReportAsync(KejiApi.Report(KejiApi.NewId("m-x"), "talent-teams", "999999", 1))) Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);

        var (_, samples) = await ScrapeAsync();
        Assert.Equal(1, samples.Value("keji_reports_accepted_total", ("unit", "360702"), ("channel", "api")));
        Assert.Equal(1, samples.Value("keji_reports_accepted_total", ("unit", "360703"), ("channel", "api")));
        Assert.Equal(1, samples.Value("keji_reports_accepted_total", ("unit", "360704"), ("channel", "api")));
        Assert.Equal(0, samples.Value("keji_reports_accepted_total", ("unit", "360781"), ("channel", "api")));
        Assert.Equal(1, samples.Value("keji_reports_rejected_total", ("unit", "360781"), ("channel", "api")));
        Assert.Equal(1, samples.Value("keji_reports_rejected_total", ("unit", KejiMetrics.UnknownUnit), ("channel", "api")));
        Assert.Empty(samples.Find("keji_reports_rejected_total", ("unit", "999999")));
        Assert.Equal(3, samples.Value("keji_ingest_accepted_total", ("outcome", "created")));
        Assert.Equal(2, samples.Value("keji_ingest_accepted_total", ("outcome", "duplicate")));
    }

    [Fact]
    public async Task ExcelUpload_CountsUnderTheExcelChannel()
    {
        using var client = factory.CreateClient();
        var file = (await Workbook.DownloadAsync(client, "360724")).Fill("talent-teams", 3).Fill("enterprise-rd-ratio", 1.0, 1, 100).Save();
        using (var stored = await Workbook.UploadAsync(client, "360724", file)) Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        // A cumulative count going down without 更正 refuses the whole file: both of its reports count as rejected.
        var lower = (await Workbook.DownloadAsync(client, "360724")).Fill("talent-teams", 1).Fill("enterprise-rd-ratio", 1.0, 1, 100).Save();
        using (var refused = await Workbook.UploadAsync(client, "360724", lower)) Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var (_, samples) = await ScrapeAsync();
        Assert.Equal(2, samples.Value("keji_reports_accepted_total", ("unit", "360724"), ("channel", "excel")));
        Assert.Equal(2, samples.Value("keji_reports_rejected_total", ("unit", "360724"), ("channel", "excel")));
        Assert.Equal(0, samples.Value("keji_reports_accepted_total", ("unit", "360724"), ("channel", "api")));
    }

    [Fact]
    public async Task Alerts_AfterARefresh_MatchTheAlertListByState()
    {
        using var client = factory.CreateClient();
        var office = factory.Services.GetRequiredService<OfficeMetrics>();
        // The first sweep raises 督办 while the system starts: compare once the list reads the same before and after the refresh.
        JsonArray? stable = null;
        for (var attempt = 0; attempt < 50 && stable is null; attempt++)
        {
            var before = (await client.GetJsonAsync("/api/alerts")).AsArray();
            await office.RefreshAsync();
            var after = (await client.GetJsonAsync("/api/alerts")).AsArray();
            if (before.ToJsonString() == after.ToJsonString() && factory.Services.GetRequiredService<OfficeMetrics>().Snapshot is not null) stable = after;
        }
        Assert.NotNull(stable);
        Assert.NotEmpty(stable);

        var (_, samples) = await ScrapeAsync();
        foreach (var state in new[] { "open", "acknowledged", "resolved" })
        {
            var listed = stable.Count(a => (string?)a!["state"] == state);
            var gauged = samples.Find("keji_alerts_open", ("state", state)).Sum(s => s.Value);
            Assert.True(listed == gauged, $"{state}: {listed} listed, {gauged} on /metrics");
            Assert.Equal(5, samples.Find("keji_alerts_open", ("state", state)).Count()); // every age bucket, zeros included
        }
        Assert.Empty(samples.Find("keji_alerts_open", ("state", "closed")));
        Assert.Equal(["promise_missed", "unanswered"], samples.Find("keji_alerts_overdue").Select(s => s.Labels["reason"]).Order());
        // The pinned clock is 2025-07-01 09:00 and the system is fresh: nothing is past a deadline yet.
        Assert.Equal(0, samples.Find("keji_alerts_overdue").Sum(s => s.Value));
        Assert.Single(samples.Find("keji_outbox_pending", ("contact_point", "hook"), ("channel", "webhook")));
        Assert.Equal(0, Assert.Single(samples.Find("keji_outbox_refused_total", ("contact_point", "hook"), ("channel", "webhook"))).Value);
        Assert.Equal(0, Assert.Single(samples.Find("keji_outbox_overflow", ("contact_point", "hook"), ("channel", "webhook"))).Value);
        Assert.Single(samples.Find("keji_judge_last_sweep_age_seconds"));
    }

    [Fact]
    public async Task HubConnection_IsCountedWhileOpen_AndTheFeedLagRecordedWhenAChangeArrives()
    {
        var before = (await ScrapeAsync()).Samples;
        var hub = AdminHub.Build(factory);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("Changes", u =>
        {
            if (u.GetProperty("targets").EnumerateArray().Any(t => t.GetProperty("unit").GetString() == "360722")) arrived.TrySetResult();
        });
        await hub.StartAsync();
        try
        {
            await hub.InvokeAsync<JsonElement>("WatchTarget", "talent-teams");
            using var client = factory.CreateClient();
            using (var post = await client.PostReportAsync(KejiApi.Report(KejiApi.NewId("m-live"), "talent-teams", "360722", 1))) Assert.Equal(HttpStatusCode.Created, post.StatusCode);
            await arrived.Task.WaitAsync(Patience);

            var during = (await ScrapeAsync()).Samples;
            Assert.Equal(before.Value("keji_hub_connections") + 1, during.Value("keji_hub_connections"));
            Assert.True(during.Value("keji_live_feed_lag_seconds_count") > before.Value("keji_live_feed_lag_seconds_count"));
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task Scrape_CheckedByPromtool_HasNoProblemForKejiLiveSeries()
    {
        using (var client = factory.CreateClient())
        using (var post = await client.PostReportAsync(KejiApi.Report(KejiApi.NewId("m-lint"), "talent-teams", "360723", 1)))
        {
            Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        }
        await factory.Services.GetRequiredService<OfficeMetrics>().RefreshAsync();
        var (text, samples) = await ScrapeAsync();
        string[] expected =
        [
            "keji_reports_accepted_total", "keji_ingest_accepted_total", "keji_ingest_duration_seconds_count", "keji_alerts_open",
            "keji_alerts_overdue", "keji_outbox_pending", "keji_outbox_failed", "keji_outbox_sent_total", "keji_outbox_overflow", "keji_outbox_refused_total", "keji_judge_last_sweep_age_seconds",
            "keji_judge_sweep_duration_seconds_count", "keji_hub_connections",
        ];
        Assert.All(expected, name => Assert.True(samples.Find(name).Any(), $"{name} is not on /metrics"));
        Assert.Equal("kejilive", samples.Find("target_info").Single().Labels["service_name"]);

        // promtool comes from Debian's prometheus package (test.sh installs it); a missing promtool fails here.
        var check = await Tool.RunAsync("promtool", ["check", "metrics"], standardInput: text);
        // 0: clean; 3: lint problems (Orleans' own instruments have some); anything else: promtool could not read the scrape.
        Assert.True(check.ExitCode is 0 or 3, $"promtool could not check the scrape:\n{check.Printed}");
        var problems = (check.Output + "\n" + check.Error).Split('\n')
            .Where(l => l.StartsWith("keji_", StringComparison.Ordinal) || l.StartsWith("target_info", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, "promtool check metrics:\n" + string.Join('\n', problems));
        // Orleans' instruments get their help text from our view (OrleansMetricHelp); all that may remain is Orleans
        // recording latencies in milliseconds and memory in megabytes, which no exporter option changes (deploy/README.md).
        var others = (check.Output + "\n" + check.Error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !OrleansUnitFinding().IsMatch(l)).ToList();
        Assert.True(others.Count == 0, "promtool check metrics, besides Orleans' units:\n" + string.Join('\n', others));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^orleans_[a-z_]+_(milliseconds|megabytes) use base unit \"(seconds|bytes)\" instead of \"(milliseconds|megabytes)\"$")]
    private static partial System.Text.RegularExpressions.Regex OrleansUnitFinding();
}
