using System.Net.Http.Json;
using KejiLive.Testing;

namespace KejiLive.Api.Tests.Support;

/// <summary>A system of its own over a generated plan of <see cref="Units"/> units (more than a wall shows tiles for),
/// with more 督办 than a wall lists or a page holds: every unit 未报送 (yellow) and <see cref="Behind"/> units far to a
/// little behind on the first target (red, orange, yellow).</summary>
public sealed class AlertVolumeFixture : IAsyncLifetime
{
    public const int Units = 150;

    /// <summary>Units that report on the first target, at 0–40 % of their share (behind 序时进度 on 1 July).</summary>
    public const int Behind = 60;

    public AlertVolumeFactory Factory { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Http = Factory.CreateClient();
        var reports = Enumerable.Range(1, Behind).Select(i => new
        {
            reportId = $"volume-{i}",
            target = ScalePlan.Targets[0],
            unit = ScalePlan.Unit(i),
            asOf = "2025-06-30",
            value = Math.Floor(ScalePlan.Share(Units, 0, i) * (i % 5) / 10.0),
        }).ToArray();
        using var posted = await Http.PostAsJsonAsync("/api/reports", reports);
        posted.EnsureSuccessStatusCode();
        // Judging opens the 督办 one-way: wait (bounded) until every unit's 未报送 is there and the count stands still.
        var deadline = Environment.TickCount64 + 60_000;
        var last = -1;
        while (true)
        {
            var live = (await Http.GetJsonAsync("/api/alerts/summary?state=live"))["total"]!.GetValue<int>();
            if (live >= Units + Behind / 2 && live == last) break;
            if (Environment.TickCount64 > deadline) throw new TimeoutException($"{live} live 督办 after 60 s.");
            last = live;
            await Task.Delay(500);
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>The whole system in-process over <see cref="AlertVolumeFixture.Units"/> generated units.</summary>
public sealed class AlertVolumeFactory() : GeneratedPlanFactory(AlertVolumeFixture.Units, "alert-volume");
