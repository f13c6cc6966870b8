using KejiLive.Domain.Calendar;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.Weekly;

namespace KejiLive.Domain.Tests.Weekly;

/// <summary>What a printed pack lists of a large plan (<see cref="PackScope"/>), the 红黄名单's answer when a pair has two
/// live 督办, and the light's dwell in the pack's replay.</summary>
public class PackScopeTests
{
    private static RankingRow Row(int i, int? rank) => new($"u{i:D4}", $"第{i}县", rank is null ? null : 100 - i, rank, null, null, 0, 0);

    [Theory]
    [InlineData(25, 0, 10, 10, 5)]
    [InlineData(25, 3, 10, 10, 5)]   // units with no score are neither top nor bottom
    [InlineData(20, 0, 10, 10, 0)]
    [InlineData(15, 0, 10, 5, 0)]    // the bottom never repeats the top
    [InlineData(8, 0, 8, 0, 0)]
    [InlineData(0, 4, 0, 0, 0)]
    public void Excerpt_TopAndBottomOfTheRankedUnits(int ranked, int unranked, int top, int bottom, int between)
    {
        var rows = Enumerable.Range(1, ranked).Select(i => Row(i, i)).Concat(Enumerable.Range(ranked + 1, unranked).Select(i => Row(i, null))).ToList();
        var (t, b, n) = PackScope.Excerpt(rows);
        Assert.Equal((top, bottom, between), (t.Length, b.Length, n));
        Assert.Equal(Enumerable.Range(1, top), t.Select(r => r.Rank!.Value));
        Assert.Equal(Enumerable.Range(ranked - bottom + 1, bottom), b.Select(r => r.Rank!.Value));
    }

    [Fact]
    public void MostUrgentFirst_RedOrangeYellow_ThenLongestOpen()
    {
        PackAlert A(string id, string severity, string opened) =>
            new(id, "u", "t", "落后序时进度", severity, PackAlertState.Open, Fx.At(opened, 9), null, null, null);
        var ordered = PackScope.MostUrgentFirst([A("y-old", "黄", "2025-03-01"), A("r-new", "红", "2025-07-01"), A("o", "橙", "2025-05-01"), A("r-old", "红", "2025-04-01")]);
        Assert.Equal(["r-old", "r-new", "o", "y-old"], ordered.Select(a => a.Id));
        Assert.Equal(["落后序时进度 红 2", "落后序时进度 橙 1", "落后序时进度 黄 1"],
            PackScope.ByRule([A("1", "黄", "2025-03-01"), A("2", "红", "2025-07-01"), A("3", "橙", "2025-05-01"), A("4", "红", "2025-04-01")]).Select(x => $"{x.Rule} {x.Severity} {x.Count}"));
    }

    [Fact]
    public void ThePlanOfTheScenario_IsPrintedWhole()
    {
        var pack = WeeklyScenario.Build();
        Assert.False(PackScope.Condenses(WeeklyScenario.Plan));
        Assert.False(pack.Condensed);
        Assert.All(pack.Units, u => Assert.True(u.Printed));
    }

    [Fact]
    public void Watch_WhenTheNewestLiveAlertIsUnanswered_ShowsTheOlderAnswer()
    {
        // 360703 answered its 落后序时进度 on 3 Jul; a 预计完不成 opened beside it on 5 Jul is not answered yet. The meeting
        // must not read 未答复 for a unit that answered.
        var alerts = WeeklyScenario.Alerts();
        alerts.Add(new PackAlert("A-3", "360703", "hi-tech", "预计完不成全年目标", "橙", PackAlertState.Open, Fx.At("2025-07-05", 9), null, null, null));
        var pack = WeeklyPackBuilder.Build(WeeklyScenario.Plan, WeeklyScenario.Histories(), alerts, WeeklyScenario.Week, WeeklyScenario.Now);
        var row = pack.Watch.Single(w => w.UnitId == "360703" && w.TargetId == "hi-tech");
        Assert.Equal(("A-1", WeeklyScenario.Remedy, new DateOnly(2025, 8, 15)), (row.AlertId, row.Remedy, row.PromisedBy));
        Assert.Equal((2, 1), (pack.AlertsLive, pack.AlertsLiveAnswered));
    }

    [Fact]
    public void Watch_WithOnlyAnUnansweredLiveAlert_IsUnanswered()
    {
        var alerts = new List<PackAlert> { new("A-9", "360703", "hi-tech", "落后序时进度", "红", PackAlertState.Open, Fx.At("2025-07-03", 9), null, null, null) };
        var pack = WeeklyPackBuilder.Build(WeeklyScenario.Plan, WeeklyScenario.Histories(), alerts, WeeklyScenario.Week, WeeklyScenario.Now);
        var row = pack.Watch.Single(w => w.UnitId == "360703" && w.TargetId == "hi-tech");
        Assert.Equal(("A-9", false), (row.AlertId, row.Answered));
        Assert.Equal((1, 0), (pack.AlertsLive, pack.AlertsLiveAnswered));
    }

    [Fact]
    public void Replay_HoldsAOneBandChangeForTheDwell_AsTheGrainDoes()
    {
        // 360702 (40 家): 15 for 30 Jun turns it yellow on the day it arrives; 5 for 3 Jul would turn it red three days
        // later. A one-band change waits 14 days after the last one (LightDwell), in the pack as on the wall: still yellow
        // at the week's end (6 Jul), red in the pack of the week after 14 July.
        var histories = new Dictionary<(string, string), IReadOnlyList<ReportEntry>>
        {
            [("hi-tech", "360702")] = [Fx.R("2025-06-30", 15), Fx.R("2025-07-03", 5)],
        };
        var held = WeeklyPackBuilder.Build(WeeklyScenario.Plan, histories, [], WeeklyScenario.Week, WeeklyScenario.Now);
        var row = held.Units.Single(u => u.UnitId == "360702").Targets.Single(t => t.TargetId == "hi-tech");
        Assert.Equal(Light.Yellow, row.Light);
        Assert.Contains("14天内至多变化一次", row.Why, StringComparison.Ordinal);

        var later = WeeklyPackBuilder.Build(WeeklyScenario.Plan, histories, [], Parse("2025-W29"), ShanghaiTime.StartOf(new DateOnly(2025, 7, 21)).AddHours(8));
        Assert.Equal(Light.Red, later.Units.Single(u => u.UnitId == "360702").Targets.Single(t => t.TargetId == "hi-tech").Light);
    }

    private static IsoWeek Parse(string text) => IsoWeek.TryParse(text, out var w) ? w : throw new ArgumentException(text);
}
