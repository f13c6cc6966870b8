using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.Weekly;

namespace KejiLive.Domain.Tests.Weekly;

/// <summary>The year-end pack (2026-W01, judged at the plan year's last instant) showed 3 of 4 unfinished milestone tasks
/// 绿: the last node's report deadline falls in January. The pack's track is not green for a milestone not done.</summary>
public sealed class YearEndMilestoneTrackTests
{
    private static readonly Planning.PlanDocument Plan = PlanJson.Load();

    [Theory]
    // lab: m1 31 Mar, m2 30 Sep, m3 31 Dec (monthly); milestones reported done on 31 Dec; the week the pack is cut at
    [InlineData(2, "2026-01-04", Light.Yellow)] // 2026-W01: the year's last instant
    [InlineData(3, "2026-01-04", Light.Green)]
    [InlineData(2, "2025-12-28", Light.Green)] // W52, before the year ends: m3's figure is not due yet
    public void PackTrack_Milestone_NotGreenAtTheYearsEndUnlessDone(int done, string cutOff, Light light)
    {
        var target = Plan.FindTarget("lab")!;
        var a = target.AssignmentFor("city")!;
        ReportEntry[] reports = [Fx.R("2025-09-30", 2), Fx.R("2025-12-31", done)];
        var end = Fx.At(cutOff, 24).AddTicks(-1);
        var histories = new Dictionary<(string, string), IReadOnlyList<ReportEntry>>
        {
            [(target.Id, a.UnitId)] = cutOff == "2025-12-28" ? [reports[0]] : reports,
        };
        var track = TrackReplay.All(Plan, histories, null, end, end.AddDays(-7), parallelism: 1).Units[(target.Id, a.UnitId)];

        Assert.True(light == track.Current.Light, $"{track.Current.Light}: {track.Current.Explanation}");
    }
}
